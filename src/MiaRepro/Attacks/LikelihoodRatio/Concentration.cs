namespace MiaRepro.Attacks.LikelihoodRatio;

/// <summary>
/// How concentrated on few examples a set of true positives is, against the same statistic when the same number of
/// true positives is spread at random (<see cref="HeavyTail"/>). Shares in %.
/// </summary>
/// <param name="Share">The observed share (%).</param>
/// <param name="NullMean">The mean share over the random spreads (%).</param>
/// <param name="NullQ99">The 99th percentile of the random spreads' shares (%).</param>
/// <param name="PValue">One-sided permutation p: (1 + #{random share ≥ observed}) / (1 + draws); 1 with no true positive.</param>
public sealed record Concentration(double Share, double NullMean, double NullQ99, double PValue);
