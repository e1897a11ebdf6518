using Snapshooter;
using Snapshooter.NUnit;

namespace MiaRepro.Tests;

/// <summary>Snapshots live in the repository's top-level snapshots/ folder, one file per name.</summary>
public static class SnapshotFiles
{
    public static void Match(object value, string name) =>
        Snapshot.Match(value, new SnapshotFullName($"{name}.snap", Path.Combine(TestEnvironment.Settings.Root, "snapshots")));
}
