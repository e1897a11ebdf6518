using static TorchSharp.torch;

namespace MiaRepro.Attacks.AttackModels;

/// <summary>Checks shared by attack models, and rows → tensor.</summary>
static class AttackData
{
    public static void Validate(double[][] features, int[] labels, int minimumPerLabel)
    {
        if (features.Length == 0) throw new ArgumentException("The attack training set is empty: the shadows produced no rows (with TP-only, did the shadows classify anything correctly?).");
        if (features.Length != labels.Length) throw new ArgumentException($"{features.Length} feature rows for {labels.Length} labels.");
        var width = features[0].Length;
        if (width == 0) throw new ArgumentException("Attack features have no columns.");
        for (var i = 0; i < features.Length; i++)
        {
            if (features[i].Length != width) throw new ArgumentException($"Attack feature row {i} has {features[i].Length} values, row 0 has {width}: rows must have equal length.");
            if (features[i].Any(v => !double.IsFinite(v))) throw new ArgumentException($"Attack feature row {i} has a NaN or infinite value: check the target's outputs.");
        }
        if (labels.Any(l => l is not (0 or 1))) throw new ArgumentException("Attack labels must be 0 (non-member) or 1 (member).");
        var members = labels.Count(l => l == 1);
        var nonMembers = labels.Length - members;
        if (members < minimumPerLabel || nonMembers < minimumPerLabel)
            throw new ArgumentException($"The attack model needs at least {minimumPerLabel} member and {minimumPerLabel} non-member rows; got {members} and {nonMembers}.");
    }

    public static Tensor ToTensor(double[][] rows)
    {
        var width = rows[0].Length;
        var flat = new float[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
            for (var j = 0; j < width; j++) flat[i * width + j] = (float)rows[i][j];
        return tensor(flat, [rows.Length, width]);
    }
}
