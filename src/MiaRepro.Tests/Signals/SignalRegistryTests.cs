using MiaRepro.Signals;
using NUnit.Framework;
using static TorchSharp.torch;

namespace MiaRepro.Tests.Signals;

/// <summary>
/// The one signal registry: every name once, aliases resolving to one computation, the higher = member contract for
/// every signal, and an unknown name's error listing the known ones.
/// </summary>
[TestFixture]
public sealed class SignalRegistryTests
{
    static IEnumerable<TestCaseData> EverySignal() => SignalRegistry.All.Select(s => new TestCaseData(s).SetArgDisplayNames(s.Name));

    [Test]
    public void Names_ListEachNameOnce_IncludingEveryNameExperimentsUse()
    {
        Assert.That(SignalRegistry.Names, Is.Unique);
        Assert.That(SignalRegistry.All.Select(s => s.Name), Is.Unique);
        Assert.That(SignalRegistry.Names, Is.SupersetOf(new[]
            { "loss", "confidence", "entropy", "modified-entropy", "max-confidence", "probability", "cross-entropy", "logit-scaled" }));
    }

    [TestCase("cross-entropy", "loss")]
    [TestCase("probability", "confidence")]
    public void Get_Alias_IsTheSameSignal(string alias, string name)
    {
        Assert.That(SignalRegistry.Get(alias), Is.SameAs(SignalRegistry.Get(name)));
        Assert.That(SignalRegistry.All.Select(s => s.Name), Does.Not.Contain(alias), "an alias is not a second signal");
    }

    [TestCase("LOSS")]
    [TestCase("Modified-Entropy")]
    [TestCase("Cross-Entropy")]
    public void Get_IsCaseInsensitive(string name) =>
        Assert.That(SignalRegistry.Get(name).Name, Is.EqualTo(SignalRegistry.Get(name.ToLowerInvariant()).Name));

    [Test]
    public void Get_UnknownName_ListsEveryKnownName()
    {
        var e = Assert.Throws<ArgumentException>(() => SignalRegistry.Get("lose"));
        Assert.That(e!.Message, Does.StartWith("Signal 'lose' is unknown: use one of"));
        foreach (var name in SignalRegistry.Names)
            Assert.That(e.Message, Does.Contain($"\"{name}\""));
    }

    [TestCaseSource(nameof(EverySignal))]
    public void MembershipScores_ConfidentCorrectPrediction_ScoresHigherThanAnUnconfidentOne(Signal signal)
    {
        // Row 0: true class 0 far ahead (a fitted member); row 1: nearly uniform (a typical non-member).
        var z = tensor(new float[] { 8, 0, 0, 0.3f, 0, 0 }, new long[] { 2, 3 });
        var y = tensor(new long[] { 0, 0 });
        var scores = signal.MembershipScores(z, y);
        Assert.That(scores[0], Is.GreaterThan(scores[1]));
    }

    [TestCaseSource(nameof(EverySignal))]
    public void MembershipScore_IsTheRawValueTimesTheOrientation_Exactly(Signal signal)
    {
        var z = tensor(new float[] { 2, -1, 0.5f, 0, 3, 1 }, new long[] { 2, 3 });
        var y = tensor(new long[] { 0, 2 });
        var raw = signal.Compute(z, y);
        Assert.That(signal.MembershipScores(z, y), Is.EqualTo(raw.Select(v => signal.Orientation < 0 ? -v : v)));
    }

    [Test]
    public void Orientation_OtherThanPlusOrMinusOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Signal("x", "x", 0, CrossEntropy.Compute));

    [Test]
    public void ReleasedForm_ExistsExactlyForTheFunctionsOfPy()
    {
        var withForm = SignalRegistry.All.Where(s => s.FromReleasedTrueClass is not null).Select(s => s.Name);
        Assert.That(withForm, Is.EquivalentTo(new[] { "loss", "confidence", "logit-scaled" }));
        var e = Assert.Throws<ArgumentException>(() => ReleasedLoss.Compute(SignalRegistry.Entropy, zeros(1, 3, dtype: float64), zeros(1, dtype: int64), 1e-12));
        Assert.That(e!.Message, Does.Contain("'entropy'").And.Contain("\"cross-entropy\""));
    }
}
