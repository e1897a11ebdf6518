using System.Diagnostics;
using System.Text.Json;
using MiaRepro.Outputs;
using NUnit.Framework;

namespace MiaRepro.Tests.Outputs;

/// <summary>Files the store writes open in Python: tools/reference/read_outputs.py (numpy only) reads back what C# wrote.</summary>
[TestFixture]
public sealed class OutputsReferenceScriptTests
{
    const string Python = "/usr/bin/python3";
    const string Install = "apt-get install python3-numpy";

    [Test]
    public void ReadOutputsPy_StoreWrittenInCSharp_SummaryMatches()
    {
        RequireNumpy();
        using var t = TestEnvironment.Temp();
        var store = new OutputStore(t["outputs"]);
        var outputs = OutputsSamples.Make(n: 9);
        store.Write(outputs, OutputsSamples.Provenance, OutputsSamples.DatasetSha, OutputsSamples.SplitSha);
        var keep = new bool[4, 9];
        for (var m = 0; m < 4; m++)
            for (var i = 0; i < 9; i++) keep[m, i] = (m + i) % 3 != 0;
        OutputStore.WriteKeep(t["experiment"], keep);

        var dir = store.DirectoryOf(outputs.ModelKey);
        var (code, stdout, stderr) = Run(Script(), dir, Path.Combine(t["experiment"], "keep.npy"));
        Assert.That(code, Is.Zero, stderr);
        var s = JsonDocument.Parse(stdout).RootElement;

        var logits = s.GetProperty("logits");
        Assert.That(Ints(logits.GetProperty("shape")), Is.EqualTo(new[] { 9, 2, 3 }));
        Assert.That(logits.GetProperty("dtype").GetString(), Is.EqualTo("<f4"));
        var sum = outputs.Logits.Sum(v => (double)v);
        Assert.That(logits.GetProperty("sum").GetDouble(), Is.EqualTo(sum).Within(1e-6 * Math.Max(1, Math.Abs(sum))));
        Assert.That(logits.GetProperty("sha256").GetString(), Is.EqualTo(OutputStore.Sha256Of(Path.Combine(dir, "logits.npy"))));

        var labels = s.GetProperty("labels");
        Assert.That(Ints(labels.GetProperty("shape")), Is.EqualTo(new[] { 9 }));
        Assert.That(labels.GetProperty("dtype").GetString(), Is.EqualTo("<i8"));
        var histogram = labels.GetProperty("histogram").EnumerateObject().ToDictionary(p => long.Parse(p.Name), p => p.Value.GetInt32());
        Assert.That(histogram, Is.EqualTo(outputs.Labels.GroupBy(y => y).ToDictionary(g => g.Key, g => g.Count())));

        var k = s.GetProperty("keep");
        Assert.That(Ints(k.GetProperty("shape")), Is.EqualTo(new[] { 4, 9 }));
        Assert.That(k.GetProperty("dtype").GetString(), Is.EqualTo("|b1"));
        var columnSums = Enumerable.Range(0, 9).Select(i => Enumerable.Range(0, 4).Count(m => keep[m, i])).ToArray();
        Assert.That(Ints(k.GetProperty("columnSums")), Is.EqualTo(columnSums));
    }

    static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    static void RequireNumpy()
    {
        var hasNumpy = File.Exists(Python) && Run("-c", "import numpy").Code == 0;
        if (hasNumpy) return;
        var message = $"{Python} cannot import numpy: {Install}";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message);
        Assert.Ignore(message);
    }

    /// <summary>tools/reference/read_outputs.py, found by walking up from the test assembly to the repository root.</summary>
    static string Script()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "reference", "read_outputs.py");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tools/reference/read_outputs.py not found above " + TestContext.CurrentContext.TestDirectory);
    }

    static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }
}
