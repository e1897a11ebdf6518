using MiaRepro.Experiments;
using MiaRepro.Experiments.KdeLeak;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>"L2 drops the attack to ~50%" must be a check that can fail: it fails when the defense did nothing.</summary>
[TestFixture]
public sealed class KdeLeakChecksTests
{
    static KdeLeakRow Row(double lambda, string loss, double leak, double accuracy) =>
        new("as-coded", lambda, loss, leak, Stat.Of([accuracy - 1, accuracy + 1]), Stat.Of([40]), Stat.Of([24]),
            Stat.Of([accuracy]), Stat.Of([40]), Stat.Of([24]), Stat.Of([0.1]));

    static ExperimentSpec Spec(string kind) => new()
    {
        Paper = "bindila2021", Claim = "kde",
        Attack = new KdeLeakSpec { Losses = ["cross-entropy"], LeakPercents = [1, 16], Trials = 2 },
        Check = new ClaimCheck { Kind = kind, DefendedLambda = 0.01, Tolerance = 3, Threshold = 2 },
    };

    static KdeLeakRow[] Rows(double undefended, double defended) =>
        [Row(0, "cross-entropy", 1, undefended), Row(0, "cross-entropy", 16, undefended), Row(0.01, "cross-entropy", 1, defended), Row(0.01, "cross-entropy", 16, defended)];

    [Test]
    public void KdeDefense_DefendedNearFiftyAndUndefendedNot_Passes()
    {
        var o = KdeLeakChecks.Evaluate(Spec("kde-defense"), Rows(undefended: 66, defended: 51));
        Assert.That(o.Passed, Is.True, string.Join("\n", o.Lines.Select(l => l.Detail)));
    }

    [Test]
    public void KdeDefense_DefenseDidNothing_Fails()
    {
        var o = KdeLeakChecks.Evaluate(Spec("kde-defense"), Rows(undefended: 66, defended: 65));
        Assert.That(o.Passed, Is.False);
        Assert.That(o.Lines.Where(l => l.What.Contains("≈ 50")).Select(l => l.Verdict), Is.All.EqualTo("fails"));
    }

    [Test]
    public void KdeDefense_AttackNeverWorked_NegativeControlFails()
    {
        var o = KdeLeakChecks.Evaluate(Spec("kde-defense"), Rows(undefended: 50.5, defended: 50));
        Assert.That(o.Passed, Is.False, "a target the attack cannot beat even undefended shows nothing about the defense");
        Assert.That(o.Lines.Single(l => l.What.StartsWith("negative control")).Verdict, Is.EqualTo("fails"));
    }

    [Test]
    public void KdeDrops_NoDrop_Fails()
    {
        Assert.That(KdeLeakChecks.Evaluate(Spec("kde-drops"), Rows(undefended: 70, defended: 60)).Passed, Is.True);
        Assert.That(KdeLeakChecks.Evaluate(Spec("kde-drops"), Rows(undefended: 70, defended: 69)).Passed, Is.False);
    }

    [Test]
    public void KdeDefense_MissingDefendedTarget_SaysWhatToAdd()
    {
        var e = Assert.Throws<ExperimentException>(() => KdeLeakChecks.Evaluate(Spec("kde-defense"), [Row(0, "cross-entropy", 1, 66)]))!;
        Assert.That(e.Message, Does.Contain("lambdas"));
    }
}
