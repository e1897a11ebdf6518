namespace MiaRepro.Experiments.KdeLeak;

/// <summary>
/// The data-leak KDE attack's settings (Bîndilă et al.): which loss signals, which leak percentages of the members the
/// attacker knows, how many trials (fresh leak samples) per setting, and the held-out fraction (0.2 in the authors' code).
/// </summary>
public sealed class KdeLeakSpec
{
    public string[] Losses { get; set; } = [];
    public double[] LeakPercents { get; set; } = [];
    public int Trials { get; set; } = 10;
    public double HeldOutFraction { get; set; } = 0.2;
}
