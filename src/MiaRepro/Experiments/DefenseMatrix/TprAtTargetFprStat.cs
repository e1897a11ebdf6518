using MiaRepro.Metrics;
namespace MiaRepro.Experiments.DefenseMatrix;

/// <summary>An attack's TPR (%) over trials at a target FPR (a fraction: 0.001 = 0.1%).</summary>
public sealed record TprAtTargetFprStat(double TargetFpr, Stat Tpr);
