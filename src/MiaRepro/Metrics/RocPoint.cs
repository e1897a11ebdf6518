using System.Text.Json.Serialization;

namespace MiaRepro.Metrics;

/// <summary>
/// One ROC point: the attack calls "member" every example with score ≥ <see cref="Threshold"/> (+∞ for the point
/// (0, 0) above every score; JSON writes it "Infinity"), which catches <see cref="TruePositives"/> members and <see cref="FalsePositives"/> non-members.
/// </summary>
public sealed record RocPoint(double Fpr, double Tpr,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double Threshold, int TruePositives, int FalsePositives);
