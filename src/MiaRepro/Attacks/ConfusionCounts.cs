namespace MiaRepro.Attacks;

/// <summary>
/// Counts of an attack's member/non-member calls at a fixed score threshold (member iff score &gt; threshold), with
/// the rates Bîndilă et al. report (TPR, FPR, TNR, FNR, as fractions here, not %; NaN when the evaluation set has no
/// example of the class a rate is over).
/// </summary>
public sealed record ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    public static ConfusionCounts At(MembershipScores scores, double threshold)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.Scores.Length; i++)
        {
            bool called = scores.Scores[i] > threshold;
            if (scores.IsMember[i]) { if (called) tp++; else fn++; }
            else if (called) fp++;
            else tn++;
        }
        return new(tp, fp, tn, fn);
    }

    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;
    public double Accuracy => (double)(TruePositives + TrueNegatives) / Total;
    public double TruePositiveRate => Rate(TruePositives, FalseNegatives);
    public double FalsePositiveRate => Rate(FalsePositives, TrueNegatives);
    public double TrueNegativeRate => Rate(TrueNegatives, FalsePositives);
    public double FalseNegativeRate => Rate(FalseNegatives, TruePositives);

    static double Rate(int count, int rest) => count + rest == 0 ? double.NaN : (double)count / (count + rest);
}
