using MiaRepro.IO;
using NUnit.Framework;

namespace MiaRepro.Tests.IO;

/// <summary>An interrupted write never leaves half a file and never corrupts earlier results.</summary>
[TestFixture]
public sealed class AtomicFileTests
{
    [Test]
    public void Write_InterruptedMidway_KeepsThePreviousFileAndNoTemp()
    {
        using var t = TestEnvironment.Temp();
        var path = t["metrics.json"];
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, temp =>
        {
            File.WriteAllText(temp, "half of the new con");
            throw new IOException("interrupted");
        }));
        Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(t.Path), Has.Length.EqualTo(1));
    }

    [Test]
    public void ReplaceDirectory_InterruptedMidway_KeepsTheOldSetIntact()
    {
        using var t = TestEnvironment.Temp();
        var dir = t["claim"];
        AtomicFile.ReplaceDirectory(dir, s => { File.WriteAllText(Path.Combine(s, "metrics.json"), "old"); File.WriteAllText(Path.Combine(s, "plot.png"), "oldpng"); });
        Assert.Throws<OperationCanceledException>(() => AtomicFile.ReplaceDirectory(dir, s =>
        {
            File.WriteAllText(Path.Combine(s, "metrics.json"), "new");
            throw new OperationCanceledException();
        }));
        Assert.That(File.ReadAllText(Path.Combine(dir, "metrics.json")), Is.EqualTo("old"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "plot.png")), Is.EqualTo("oldpng"));
        Assert.That(Directory.GetDirectories(t.Path), Is.EqualTo(new[] { dir }), "no staging folder left behind");
    }

    [Test]
    public void ReplaceDirectory_Completed_ReplacesTheWholeSet()
    {
        using var t = TestEnvironment.Temp();
        var dir = t["claim"];
        AtomicFile.ReplaceDirectory(dir, s => File.WriteAllText(Path.Combine(s, "stale.png"), "x"));
        AtomicFile.ReplaceDirectory(dir, s => File.WriteAllText(Path.Combine(s, "metrics.json"), "new"));
        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EqualTo(new[] { "metrics.json" }));
    }
}
