using MiaRepro.Experiments.ShadowAttack;
using MiaRepro.Metrics;
using NUnit.Framework;

namespace MiaRepro.Tests.ShadowAttack;

/// <summary>Fig. 6's loss densities as data: members' and non-members' KDE on one grid from loss 0.</summary>
[TestFixture]
public sealed class LossDensityFigureTests
{
    [Test]
    public void LossDensity_MembersLowerLoss_PeakLeftOfNonMembers()
    {
        // Scores are −loss: members' losses 0.1…0.5, non-members' 1.0…1.4.
        double[] members = [0.1, 0.2, 0.3, 0.4, 0.5], nonMembers = [1.0, 1.1, 1.2, 1.3, 1.4];
        var scores = new MembershipScores([.. members.Select(l => -l), .. nonMembers.Select(l => -l)], [.. members.Select(_ => true), .. nonMembers.Select(_ => false)]);
        var figure = ShadowAttackFigures.LossDensity("Fig. 6", scores, points: 101);
        Assert.That(figure.Series.Select(s => s.Label), Is.EqualTo(new[] { "members (n=5, median 0.3)", "non-members (n=5, median 1.2)" }));
        var (m, n) = (figure.Series[0], figure.Series[1]);
        Assert.That(m.X[0], Is.EqualTo(0));
        Assert.That(m.X[^1], Is.EqualTo(1.4).Within(1e-12), "the 99th percentile of 10 losses is the largest");
        double Peak(MiaRepro.Plots.Series s) => s.X[Array.IndexOf(s.Y, s.Y.Max())];
        Assert.That(Peak(m), Is.EqualTo(0.3).Within(0.02));
        Assert.That(Peak(n), Is.EqualTo(1.2).Within(0.02));
        Assert.That(m.Y.Sum() * (m.X[1] - m.X[0]), Is.EqualTo(1).Within(0.1), "a density: the members' mass lies inside the grid");
    }

    [Test]
    public void LossDensity_AllEqualGroup_DrawnEmpty_NotAnError()
    {
        var scores = new MembershipScores([-0.1, -0.1, -1.0, -2.0], [true, true, false, false]);
        var figure = ShadowAttackFigures.LossDensity("Fig. 6", scores);
        Assert.That(figure.Series[0].Label, Is.EqualTo("members (n=2, no density)"));
        Assert.That(figure.Series[0].X, Is.Empty);
        Assert.That(figure.Series[1].Y, Has.Length.EqualTo(200));
    }
}
