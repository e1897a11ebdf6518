using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Outputs;

[TestFixture]
public sealed class QueryAugmentationTests
{
    [Test]
    public void Parse_KnownNameAnyCase_GivesCanonicalName() => Assert.That(QueryAugmentation.Parse("Mirror"), Is.EqualTo("mirror"));

    [Test]
    public void Parse_UnknownName_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => QueryAugmentation.Parse("crop"))!;
        Assert.That(e.Message, Does.Contain("'crop'").And.Contain("plain, mirror"));
    }

    [Test]
    public void ParseList_FirstIsNotPlain_SaysPlainComesFirst()
    {
        var e = Assert.Throws<ArgumentException>(() => QueryAugmentation.ParseList(["mirror", "plain"]))!;
        Assert.That(e.Message, Does.Contain("must start with \"plain\""));
    }

    [Test]
    public void ParseList_Repeated_Throws() =>
        Assert.Throws<ArgumentException>(() => QueryAugmentation.ParseList(["plain", "mirror", "mirror"]));
}
