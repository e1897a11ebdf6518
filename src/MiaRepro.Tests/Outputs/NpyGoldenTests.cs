using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Outputs;

/// <summary>Bytes np.save writes (numpy 1.24, Debian python3-numpy) for 1-D, 3-D and empty arrays of the other dtypes:
/// Npy writes the same bytes, header padding included.</summary>
[TestFixture]
public sealed class NpyGoldenTests
{
    const string Prefix = "934e554d5059010076007b276465736372273a2027";

    static IEnumerable<TestCaseData> Cases()
    {
        // np.array([True, False, True])
        yield return new TestCaseData((Action<string>)(p => Npy.Write(p, [3], new[] { true, false, true })),
            Prefix + "7c6231272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a010001")
            .SetName("Write_Bool1D_MatchesNumpyBytes");
        // np.array([5, -1], dtype='<i8').reshape(2, 1, 1)
        yield return new TestCaseData((Action<string>)(p => Npy.Write(p, [2, 1, 1], new[] { 5L, -1L })),
            Prefix + "3c6938272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c20312c2031292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a0500000000000000ffffffffffffffff")
            .SetName("Write_Int64Of2By1By1_MatchesNumpyBytes");
        // np.zeros((0, 3), dtype='<i4')
        yield return new TestCaseData((Action<string>)(p => Npy.Write(p, [0, 3], Array.Empty<int>())),
            Prefix + "3c6934272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028302c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a")
            .SetName("Write_EmptyInt32_MatchesNumpyBytes");
    }

    [TestCaseSource(nameof(Cases))]
    public void Write_MatchesNumpy(Action<string> write, string numpyHex)
    {
        using var t = TestEnvironment.Temp();
        write(t["a.npy"]);
        Assert.That(Convert.ToHexStringLower(File.ReadAllBytes(t["a.npy"])), Is.EqualTo(numpyHex));
    }
}
