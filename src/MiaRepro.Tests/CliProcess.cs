using System.Diagnostics;
using NUnit.Framework;

namespace MiaRepro.Tests;

/// <summary>Runs the real CLI (built beside the tests by `dotnet test`) with a bounded wait, MIAREPRO_* settings that
/// matter to the test given explicitly (the caller's environment could set them otherwise).</summary>
public static class CliProcess
{
    public static string Dll()
    {
        // The test assembly sits in src/MiaRepro.Tests/bin/<configuration>/net10.0; the CLI is built beside it.
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (here.Name, here.Parent!.Name);
        var cli = Path.Combine(TestEnvironment.Settings.Root, "src", "MiaRepro.Cli", "bin", configuration, framework, "MiaRepro.Cli.dll");
        return File.Exists(cli) ? cli : throw new AssertionException($"{cli} is missing: build the solution first (`dotnet build` at the repository root).");
    }

    /// <summary>Exit code and stdout + stderr. <paramref name="environment"/>: a null value removes the variable.</summary>
    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string?> environment, TimeSpan limit, params string[] args)
    {
        var (code, output, timedOut) = Exec(environment, limit, ["dotnet", Dll(), .. args]);
        if (timedOut) Assert.Fail($"miarepro {string.Join(' ', args)} ran past {limit}");
        return (code, output);
    }

    /// <summary>Runs <paramref name="command"/> (program, then arguments) with <paramref name="environment"/> applied (a null
    /// value removes the variable); a run past <paramref name="limit"/> is killed with its children and reported as timed out.</summary>
    public static (int ExitCode, string Output, bool TimedOut) Exec(IReadOnlyDictionary<string, string?> environment, TimeSpan limit, params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment)
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            return (-1, stdout.Result + stderr.Result, true);
        }
        return (process.ExitCode, stdout.Result + stderr.Result, false);
    }
}
