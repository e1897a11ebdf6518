namespace MiaRepro.Training;

/// <summary>
/// The most vulnerable examples, planted in a pool (lira:canaries; Aerni, Zhang &amp; Tramèr 2024 audit defenses on
/// mislabelled canaries): that many pool positions, drawn with the split seed, each relabelled to another class
/// uniformly at random. Every model trains on the labels the pool then holds and every attack scores against them.
/// The draw is in each model's job key (<see cref="Job"/>), so a set with other canaries, or none, never shares a model.
/// </summary>
public sealed record PoolCanaries(int[] Positions, long[] Labels)
{
    const int Stream = 9_100_003;

    /// <summary>null for 0 canaries (the job keys are then the ones they always were).</summary>
    public static PoolCanaries? Create(long[] poolLabels, int classes, int count, int splitSeed)
    {
        if (count == 0) return null;
        if (count < 0 || count > poolLabels.Length)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"canaries: plant from 0 to the pool's {poolLabels.Length} examples, not {count}.");
        if (classes < 2) throw new ArgumentException("Mislabelled canaries need at least 2 classes to give a wrong label.", nameof(classes));
        var random = new Random(splitSeed + Stream);   // seeded System.Random: the same draw on every platform
        var positions = Enumerable.Range(0, poolLabels.Length).Select(n => (n, Key: random.NextDouble())).OrderBy(p => p.Key).Take(count).Select(p => p.n).Order().ToArray();
        return new(positions, [.. positions.Select(n => (poolLabels[n] + 1 + random.Next(classes - 1)) % classes)]);
    }

    /// <summary>The pool's labels with the canaries' wrong ones.</summary>
    public long[] Relabel(long[] poolLabels)
    {
        var labels = (long[])poolLabels.Clone();
        for (var i = 0; i < Positions.Length; i++) labels[Positions[i]] = Labels[i];
        return labels;
    }

    public CanaryJob Job => new("mislabelled-pool", Positions.Length, 0, JobKey.Of(new { Positions, Labels })[..16], "");
}
