namespace MiaRepro.IO;

/// <summary>Writes that never leave half a file: write beside the target, then rename over it (atomic on one file system).</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<string> writeTo)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
        try
        {
            writeTo(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static void WriteAllText(string path, string text) => Write(path, t => File.WriteAllText(t, text));

    /// <summary>Whether a path lies in a folder an interrupted <see cref="ReplaceDirectory"/> left behind (its staging
    /// folder, or the old copy it was swapping out): such folders may hold half a result and are never read as one.</summary>
    public static bool IsStray(string path) =>
        path.Split('/', '\\').Any(part => part.Contains(".staging-", StringComparison.Ordinal) || part.Contains(".old-", StringComparison.Ordinal));

    /// <summary>Replaces a whole directory: stage everything in a sibling, then swap, so readers see the old
    /// set or the new one, never a mix; an interrupted run leaves only a stray staging folder.</summary>
    public static void ReplaceDirectory(string directory, Action<string> fill)
    {
        var full = Path.GetFullPath(directory);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var staging = $"{full}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var old = $"{full}.old-{Environment.ProcessId}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            fill(staging);
            if (Directory.Exists(full)) Directory.Move(full, old);
            Directory.Move(staging, full);
            if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (Directory.Exists(old) && !Directory.Exists(full)) Directory.Move(old, full);
        }
    }
}
