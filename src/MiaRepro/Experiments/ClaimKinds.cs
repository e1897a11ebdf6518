using MiaRepro.Experiments.DefenseMatrix;
using MiaRepro.Experiments.DpAudit;
using MiaRepro.Experiments.KdeLeak;
using MiaRepro.Experiments.L2Sweep;
using MiaRepro.Experiments.Lira;
using MiaRepro.Experiments.ShadowAttack;

namespace MiaRepro.Experiments;

/// <summary>The one place experiment kinds are registered.</summary>
public static class ClaimKinds
{
    public static IReadOnlyList<IClaimKind> All { get; } = [new L2SweepKind(), new KdeLeakKind(), new ShadowAttackKind(), new DefenseMatrixKind(), new LiraKind(), new DpAuditKind()];

    /// <summary>The kind named <paramref name="name"/>; an unknown name lists the known ones.</summary>
    public static IClaimKind Get(string name) =>
        All.FirstOrDefault(k => k.Name == name)
        ?? throw new ArgumentException($"kind '{name}' is unknown: use {string.Join(", ", All.Select(k => $"\"{k.Name}\""))}.");
}
