namespace MiaRepro.Experiments.ShadowAttack;

/// <summary>An attack's TPR (%) at a target FPR (a fraction, as MembershipReportOptions gives it: 0.001 = 0.1%).</summary>
public sealed record TprAtTargetFpr(double TargetFpr, double Tpr);
