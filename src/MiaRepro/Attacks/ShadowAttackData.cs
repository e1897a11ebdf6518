using MiaRepro.Data;

namespace MiaRepro.Attacks;

/// <summary>
/// The shadow-model attack's training data (Shokri et al.): every shadow's outputs on its own training examples
/// (label 1) and on its held-out examples (label 0), as feature rows with their true class. Built only from shadows'
/// outputs; the target's evaluation set is a different type (<see cref="TargetEvaluation"/>), so the two cannot be mixed.
/// </summary>
public sealed record ShadowAttackData(double[][] Features, int[] TrueClass, int[] IsMember)
{
    public int Count => IsMember.Length;

    /// <summary>One shadow's outputs: logits (as Features) and true labels on its in and out examples.</summary>
    public sealed record ShadowQuery(LabelledData In, LabelledData Out);

    /// <param name="tpOnly">Keep only examples the shadow classifies correctly (Irolla's code does this when it builds the
    /// attack's training set).</param>
    public static ShadowAttackData From(AttackFeatureSpec features, IEnumerable<ShadowQuery> shadows, bool tpOnly)
    {
        var rows = new List<double[]>();
        var classes = new List<int>();
        var members = new List<int>();
        foreach (var shadow in shadows)
        foreach (var (part, member) in new[] { (shadow.In, 1), (shadow.Out, 0) })
        {
            var x = AttackFeatures.Compute(features, part.Features, part.Labels);
            var labels = part.Labels.data<long>().ToArray();
            var correct = tpOnly ? Correct(part) : null;
            for (var i = 0; i < x.Length; i++)
            {
                if (correct is not null && !correct[i]) continue;
                rows.Add(x[i]);
                classes.Add((int)labels[i]);
                members.Add(member);
            }
        }
        return new(rows.ToArray(), classes.ToArray(), members.ToArray());
    }

    /// <summary>Whether the model's top class (argmax of its logits, in Features) is the true label.</summary>
    public static bool[] Correct(LabelledData logits) => CorrectClassificationRule.Correct(logits.Features, logits.Labels);
}
