using MiaRepro.Experiments;
using NUnit.Framework;

namespace MiaRepro.Tests.Experiments;

/// <summary>A bundle run on another machine records the commit it was published from, not that machine's .git.</summary>
[TestFixture, NonParallelizable]
public sealed class RunInfoCommitTests
{
    const string Variable = "MIAREPRO_COMMIT";

    [TearDown]
    public void Clear() => Environment.SetEnvironmentVariable(Variable, null);

    [TestCase("6ee9dcec6056ca3bc17d6441ed086ec20d5d7815", "6ee9dcec6056ca3bc17d6441ed086ec20d5d7815", false)]
    [TestCase("6ee9dcec6056ca3bc17d6441ed086ec20d5d7815-dirty", "6ee9dcec6056ca3bc17d6441ed086ec20d5d7815", true)]
    public void GivenCommit_WinsOverTheLocalGit(string given, string sha, bool dirty)
    {
        Environment.SetEnvironmentVariable(Variable, given);
        Assert.That(RunInfo.Head(TestContext.CurrentContext.TestDirectory), Is.EqualTo((sha, dirty)));
    }
}
