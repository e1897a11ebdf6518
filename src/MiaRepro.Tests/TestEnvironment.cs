using MiaRepro.Experiments;
using MiaRepro.Runtime;
using NUnit.Framework;

namespace MiaRepro.Tests;

/// <summary>Loads the native side once for the whole assembly, before any test touches torch.</summary>
[SetUpFixture]
public sealed class TestEnvironment
{
    [OneTimeSetUp]
    public void LoadTorch() => TorchRuntime.EnsureInitialized();

    /// <summary>The project's settings (env MIAREPRO_*): tests read real data from MIAREPRO_DATA.</summary>
    public static MiaReproSettings Settings => MiaReproSettings.Load();

    public static string DataRoot => Settings.Data;

    /// <summary>A fresh folder under the test's work directory, deleted by the caller's using.</summary>
    public static TempFolder Temp() => new();
}

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "miarepro-test-" + Guid.NewGuid().ToString("N"));
    public TempFolder() => Directory.CreateDirectory(Path);
    public string this[string relative] => System.IO.Path.Combine(Path, relative);
    public void Dispose() { if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true); }
}
