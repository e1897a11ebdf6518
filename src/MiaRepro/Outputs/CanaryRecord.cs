namespace MiaRepro.Outputs;

/// <summary>What an audited run leaves for the auditor: which canaries were included, every step's noisy sum at each
/// canary's coordinate (<see cref="Observed"/>, one row per step), and the coordinates' weights before and after training.</summary>
public sealed record CanaryRecord(string JobKey, bool[] Included, IReadOnlyList<double[]> Observed, double[] Initial, double[] Final)
{
    public int Count => Included.Length;
}
