using System.Text.Json;

namespace MiaRepro.Measurements;

/// <summary>
/// A claim's metrics.json → its measurements, one per number. The same code reads a fresh run's metrics and every
/// committed result, so the table of an old result is what a rerun would write. The kind is told by the content
/// (metrics.json does not name it): cells → defense-matrix, liraAttacks → lira, perSeed targets and attacks → shadow-attack, attack rows →
/// kde-leak (its targets too), rows → l2-sweep.
/// </summary>
public static class MeasurementExtractor
{
    /// <param name="runSeeds">The run's target seeds (run.json's seeds): the seed of a defense matrix, and of KDE rows
    /// written before rows carried their seeds.</param>
    public static IReadOnlyList<Measurement> Extract(JsonElement metrics, IReadOnlyList<int> runSeeds)
    {
        var scope = new ClaimScope(ClaimScope.Text(metrics, "paper"), ClaimScope.Text(metrics, "claim"));
        var rows = (KindOf(metrics) switch
        {
            "defense-matrix" => DefenseMatrixMeasurements.From(scope, metrics, runSeeds),
            "lira" => LiraMeasurements.From(scope, metrics),
            "shadow-attack" => ShadowAttackMeasurements.From(scope, metrics),
            "kde-leak" => L2SweepMeasurements.From(scope, metrics).Concat(KdeLeakMeasurements.From(scope, metrics, runSeeds)),
            _ => L2SweepMeasurements.From(scope, metrics),
        }).ToList();
        // The label-independent control attack beside every attack that counted its evaluation set.
        return new MeasurementTable().AddRange(rows).AddRange(AllMemberAttack.Rows(rows)).Rows;
    }

    public static string KindOf(JsonElement metrics)
    {
        if (metrics.TryGetProperty("cells", out _)) return "defense-matrix";
        if (metrics.TryGetProperty("liraAttacks", out _)) return "lira";
        if (metrics.TryGetProperty("perSeed", out var perSeed) && perSeed.ValueKind == JsonValueKind.Object) return "shadow-attack";
        if (metrics.TryGetProperty("attackRows", out var attack) && attack.ValueKind == JsonValueKind.Array && attack.GetArrayLength() > 0) return "kde-leak";
        if (metrics.TryGetProperty("rows", out _)) return "l2-sweep";
        throw new FormatException("metrics.json has none of cells, liraAttacks, perSeed targets and attacks, attackRows or rows: not a claim's metrics.");
    }
}
