using MiaRepro.Attacks.AttackModels;

namespace MiaRepro.Attacks;

/// <summary>
/// Shokri et al.'s shadow-model attack: one attack model per true class, trained on <see cref="ShadowAttackData"/>,
/// scoring the target's outputs on each evaluation example with the model of that example's class. A class whose
/// shadow rows have fewer than the model's minimum of either label gets the model trained on all classes pooled
/// (recorded in <see cref="Fitted.PooledClasses"/>), rather than failing or guessing.
/// </summary>
public static class ShadowModelAttack
{
    /// <summary>The attack models it is built with; its name in tables says which: "shadow-mlp", "shadow-svm".</summary>
    public static readonly string[] AttackModels = ["mlp", "svm"];

    public static string NameOf(string attackModel) => $"shadow-{attackModel}";

    public static Fitted Fit(ShadowAttackData data, IAttackModel model, AttackFeatureSpec features, int classes, int seed)
    {
        if (data.Count == 0) throw new ArgumentException("The shadow attack data is empty: the shadows produced no rows (with TP-only, did they classify anything correctly?).");
        var perClass = new IFittedAttackModel?[classes];
        var pooled = new List<int>();
        // Each class's fit has its own seed, so a class's model does not depend on the others.
        for (var c = 0; c < classes; c++)
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => data.TrueClass[i] == c).ToArray();
            var members = rows.Count(i => data.IsMember[i] == 1);
            if (members < model.MinimumPerLabel || rows.Length - members < model.MinimumPerLabel) continue;
            perClass[c] = model.Fit(rows.Select(i => data.Features[i]).ToArray(), rows.Select(i => data.IsMember[i]).ToArray(), seed * 1000 + c);
        }
        IFittedAttackModel? all = null;
        for (var c = 0; c < classes; c++)
        {
            if (perClass[c] is not null) continue;
            pooled.Add(c);
            all ??= model.Fit(data.Features, data.IsMember, seed * 1000 + classes);
            perClass[c] = all;
        }
        return new(perClass!, features, pooled);
    }

    public sealed class Fitted(IFittedAttackModel[] perClass, AttackFeatureSpec features, IReadOnlyList<int> pooledClasses)
    {
        /// <summary>Classes scored by the pooled model (too few shadow rows of one label to train their own).</summary>
        public IReadOnlyList<int> PooledClasses { get; } = pooledClasses;

        /// <summary>The attack models' scores on the target's evaluation set (higher = member); the attack calls a member
        /// when its class's model says so (score &gt; 0).</summary>
        public AttackOutcome Apply(TargetEvaluation target)
        {
            var x = AttackFeatures.Compute(features, target.Logits, target.Labels);
            var labels = ClassIndices.Of(target.Labels);
            var scores = new double[x.Length];
            foreach (var group in Enumerable.Range(0, x.Length).GroupBy(i => labels[i]))
            {
                var rows = group.ToArray();
                var s = perClass[group.Key].Score(rows.Select(i => x[i]).ToArray());
                for (var k = 0; k < rows.Length; k++) scores[rows[k]] = s[k];
            }
            return AttackOutcome.From(scores, labels, target.IsMember, scores.Select(s => s > 0).ToArray(), 0);
        }
    }
}
