using System.Diagnostics;
using System.Text.Json;

namespace MiaRepro.Cli;

/// <summary>A reference script of tools/reference run with python3 (MIAREPRO_PYTHON, default the system's, where Debian's
/// python3-torch lives) for the PyTorch side of a benchmark: its one JSON line, or why there is none.</summary>
internal static class ReferencePython
{
    public static (JsonElement? Output, string Problem) Run(string root, string script, string arguments)
    {
        var path = Path.Combine(root, "tools", "reference", script);
        var python = Environment.GetEnvironmentVariable("MIAREPRO_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";
        try
        {
            using var p = Process.Start(new ProcessStartInfo(python, $"\"{path}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) return (null, $"python3 failed: {error.Trim().Split('\n').LastOrDefault()} (apt-get install python3-torch)");
            return (JsonDocument.Parse(output.Result).RootElement.Clone(), "");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"{python} not found ({e.Message}); set MIAREPRO_PYTHON to a python3 with torch");
        }
    }
}
