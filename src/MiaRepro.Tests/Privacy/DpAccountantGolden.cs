using System.Text.Json;

namespace MiaRepro.Tests.Privacy;

/// <summary>
/// Expected values from numpy and scipy (tools/reference/dp_accountant_reference.py → golden/dp_accountant_golden.json,
/// copied next to the test assembly): per-order RDP of the subsampled Gaussian by numerical integration (both
/// directions), and for several (σ, q, steps, δ) the RDP ε (Balle et al. 2020) and the PLD ε on the reference's own grid.
/// </summary>
public sealed record DpAccountantGolden(string Generator, double[] Orders, double PldInterval, IReadOnlyList<GoldenRdp> RdpPerOrder,
    IReadOnlyList<GoldenLogErfc> LogErfc, IReadOnlyList<GoldenPoint> Points)
{
    static readonly Lazy<DpAccountantGolden> Loaded = new(() =>
        JsonSerializer.Deserialize<DpAccountantGolden>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Privacy", "golden", "dp_accountant_golden.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!);

    public static DpAccountantGolden Values => Loaded.Value;

    public static GoldenPoint Point(string name) => Values.Points.Single(p => p.Name == name);
}

/// <summary>One step's RDP at one order: rdp = max(remove, add) = remove (Mironov et al. 2019).</summary>
public sealed record GoldenRdp(double Sigma, double Q, double Order, double Rdp, double RdpRemove, double RdpAdd)
{
    public override string ToString() => $"σ={Sigma} q={Q} α={Order}";
}

public sealed record GoldenLogErfc(double X, double Value)
{
    public override string ToString() => $"x={X}";
}

/// <summary>A DP-SGD run: RDP ε and its order; PLD ε (nearest rounding, an estimate) with the reference's
/// round-down/round-up brackets; for q = 1 the exact Gaussian ε.</summary>
public sealed record GoldenPoint(string Name, double Sigma, double Q, int Steps, double Delta, double RdpEpsilon, double RdpOrder,
    double RdpEpsilonAdd, double PldEpsilon, double PldEpsilonRemove, double PldEpsilonAdd, double PldLowerBracket,
    double PldUpperBracket, double? PldExact)
{
    public override string ToString() => Name;
}
