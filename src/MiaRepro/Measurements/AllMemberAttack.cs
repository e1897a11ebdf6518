using MiaRepro.Metrics;

namespace MiaRepro.Measurements;

/// <summary>
/// The label-independent control attack: it calls every example a member (one constant score). A check that this attack
/// passes cannot tell a leak from no leak ("recall ≥ 95" is passed by it), so it is the measured control of the attack
/// checks: accuracy at the member share, recall 100, AUC 50, no change along any sweep. Its metrics depend on the
/// evaluation set only through its member and non-member counts, so they are computed from the counts the run measured
/// beside every attack, through the same metric code an attack's scores go through — for a fresh run and for every
/// committed result alike.
/// </summary>
public static class AllMemberAttack
{
    public const string Name = "all-member";

    /// <summary>The attack's rows for every (variant, seed, target, defense, setting facets) of <paramref name="rows"/>
    /// that counted its members and non-members, with the metrics those groups' attacks report; an attack's own facets
    /// (<see cref="Facet.OfAttack"/>) are not the all-member attack's.</summary>
    public static IEnumerable<Measurement> Rows(IReadOnlyList<Measurement> rows)
    {
        foreach (var group in rows.Where(r => r.Attack.Length > 0 && r.Attack != Name)
                     .GroupBy(r => (r.Paper, r.Claim, r.Variant, r.Seed, r.Target, r.Defense, Setting: r.Facets.OfSetting())))
        {
            var counted = group.GroupBy(r => r.Attack)
                .Select(a => (Members: a.FirstOrDefault(r => r.Metric == "members"), NonMembers: a.FirstOrDefault(r => r.Metric == "non-members")))
                .FirstOrDefault(c => c.Members is not null && c.NonMembers is not null);
            if (counted.Members is null) continue;
            var reported = group.Select(r => r.Metric).ToHashSet();
            foreach (var (metric, value) in Metrics((int)counted.Members.Value, (int)counted.NonMembers!.Value).Where(m => reported.Contains(m.Metric)))
                yield return counted.Members with { Attack = Name, Metric = metric, Value = value, Unit = MetricUnits.Of(metric), Facets = group.Key.Setting };
        }
    }

    /// <summary>Every metric of the all-member attack on <paramref name="members"/> members and
    /// <paramref name="nonMembers"/> non-members, in the project's units.</summary>
    public static IEnumerable<(string Metric, double Value)> Metrics(int members, int nonMembers)
    {
        var scores = new MembershipScores(new double[members + nonMembers], Enumerable.Range(0, members + nonMembers).Select(i => i < members).ToArray());
        var called = ThresholdMetrics.At(scores, 0);   // score ≥ 0: every example called a member
        var report = MembershipReport.From(scores, new MembershipReportOptions { TargetFprs = MembershipReportOptions.MeasuredFprs, BootstrapResamples = 0 });
        yield return ("members", members);
        yield return ("non-members", nonMembers);
        yield return ("accuracy", 100 * called.Accuracy);
        yield return ("balanced-accuracy", 100 * called.BalancedAccuracy);
        // Every class's members are all called members and its non-members too: each class's balanced accuracy is the whole set's.
        yield return ("class-mean-accuracy", 100 * called.BalancedAccuracy);
        yield return ("precision", 100 * called.Precision);
        yield return ("recall", 100 * called.Recall);
        yield return ("advantage", 100 * called.Advantage);
        yield return ("f1", called.F1);
        yield return ("auc", 100 * report.Auc);
        foreach (var p in report.TprAtFpr) yield return (MetricUnits.TprAtFpr(p.TargetFpr), 100 * p.Tpr);
        yield return ("optimistic-accuracy", 100 * report.OptimisticBest.Accuracy);
    }
}
