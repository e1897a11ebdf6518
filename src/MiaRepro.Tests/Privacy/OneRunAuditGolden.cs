using System.Text.Json;

namespace MiaRepro.Tests.Privacy;

/// <summary>
/// Expected one-run audit bounds from numpy and scipy (tools/reference/one_run_audit_reference.py →
/// golden/one_run_audit_golden.json, copied next to the test assembly): scipy.stats.binom tails and brentq.
/// </summary>
public sealed record OneRunAuditGolden(string Generator, IReadOnlyList<OneRunAuditGoldenPoint> Points)
{
    static readonly Lazy<OneRunAuditGolden> Loaded = new(() =>
        JsonSerializer.Deserialize<OneRunAuditGolden>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Privacy", "golden", "one_run_audit_golden.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!);

    public static OneRunAuditGolden Values => Loaded.Value;
}

public sealed record OneRunAuditGoldenPoint(string Name, int M, int R, int V, double Delta, double Beta, double Epsilon, double PValueAtOne)
{
    public override string ToString() => Name;
}
