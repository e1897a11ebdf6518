namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// Carlini et al.'s keep masks, seeded: keep[m, n] says whether pool example n trains model m. Balanced: for each
/// example a random permutation of the models, the first half IN, so every example is IN for exactly M/2 models and
/// every online fit has IN and OUT references — as train.py does with --num_experiments and --expid (each example's
/// column of uniform draws ranked over the models, the lowest pkeep·M IN); without them train.py draws each model's
/// half independently.
/// </summary>
public static class BalancedKeep
{
    public static bool[,] Create(int models, int examples, int seed)
    {
        if (models < 2 || models % 2 != 0)
            throw new ArgumentException($"A balanced keep mask needs an even number of models ≥ 2, not {models}.", nameof(models));
        return PermuteColumns(new bool[models, examples], seed, fill: true);
    }

    /// <summary>
    /// The control: each example's column of <paramref name="keep"/> permuted over the models, so membership no longer
    /// follows which model trained on what while every column keeps its M/2 INs. Every attack should drop to chance.
    /// </summary>
    public static bool[,] Shuffled(bool[,] keep, int seed) => PermuteColumns((bool[,])keep.Clone(), seed, fill: false);

    static bool[,] PermuteColumns(bool[,] keep, int seed, bool fill)
    {
        var (models, examples) = (keep.GetLength(0), keep.GetLength(1));
        var rng = new Random(seed);
        var order = new int[models];
        var column = new bool[models];
        for (var n = 0; n < examples; n++)
        {
            for (var m = 0; m < models; m++) (order[m], column[m]) = (m, fill ? m < models / 2 : keep[m, n]);
            rng.Shuffle(order);
            for (var m = 0; m < models; m++) keep[order[m], n] = column[m];
        }
        return keep;
    }

    /// <summary>The pool positions of model <paramref name="model"/>'s IN (or OUT) examples, in pool order.</summary>
    public static int[] Examples(bool[,] keep, int model, bool member) =>
        Enumerable.Range(0, keep.GetLength(1)).Where(n => keep[model, n] == member).ToArray();
}
