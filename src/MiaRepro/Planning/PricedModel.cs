namespace MiaRepro.Planning;

/// <summary>One model of a plan: its store key, what it is ("LeNet5(average pooling) on cifar10"), its steps, whether
/// the store already holds it, and a step's price on the CPU and on a GPU (null: no benchmark row prices it).</summary>
public sealed record PricedModel(string Key, string What, long Steps, bool Stored, StepPrice? Cpu, StepPrice? Gpu)
{
    public double? CpuHours => Cpu is null ? null : Steps * Cpu.MsPerStep / 3.6e6;
    public double? GpuHours => Gpu is null ? null : Steps * Gpu.MsPerStep / 3.6e6;
}
