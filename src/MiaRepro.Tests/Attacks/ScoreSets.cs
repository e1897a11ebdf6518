using MiaRepro.Attacks.LikelihoodRatio;

namespace MiaRepro.Tests.Attacks;

/// <summary>Small many-model sets for the LiRA/RMIA tests, built so φ is known exactly.</summary>
public static class ScoreSets
{
    /// <summary>Two classes, label 0, logits [φ, 0]: then φ = z_0 − z_1 exactly (logsumexp over one logit is that logit).</summary>
    public static ScoreSet FromPhi(bool[,] keep, double[,,] phi)
    {
        int m = phi.GetLength(0), n = phi.GetLength(1), a = phi.GetLength(2);
        var logits = new float[m * n * a * 2];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                for (var q = 0; q < a; q++)
                    logits[((i * n + j) * a + q) * 2] = (float)phi[i, j, q];
        return new(keep, logits, a, 2, new long[n]);
    }

    /// <summary>A balanced keep mask: each example IN for exactly half of the models, drawn with <paramref name="random"/>.</summary>
    public static bool[,] Balanced(int models, int examples, Random random)
    {
        var keep = new bool[models, examples];
        for (var n = 0; n < examples; n++)
        {
            var order = Enumerable.Range(0, models).ToArray();
            random.Shuffle(order);
            foreach (var m in order[..(models / 2)]) keep[m, n] = true;
        }
        return keep;
    }

    /// <summary>
    /// M models × N examples, one query: φ = b_n + gap·keep[m, n] + noise, with per-example difficulty b_n ~ N(0, 5²)
    /// much wider than the IN/OUT gap, so a global threshold is weak and per-example calibration (LiRA) is strong.
    /// </summary>
    public static ScoreSet Separable(int models, int examples, double gap, double noise, int seed)
    {
        var random = new Random(seed);
        var keep = Balanced(models, examples, random);
        var phi = new double[models, examples, 1];
        var difficulty = Enumerable.Range(0, examples).Select(_ => 5 * Gaussian(random)).ToArray();
        for (var m = 0; m < models; m++)
            for (var n = 0; n < examples; n++)
                phi[m, n, 0] = difficulty[n] + (keep[m, n] ? gap : 0) + noise * Gaussian(random);
        return FromPhi(keep, phi);
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
