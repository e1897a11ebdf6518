using System.Runtime.InteropServices;

namespace MiaRepro.Runtime;

/// <summary>The few libdl calls start-up needs: load a library globally, ask for a (versioned) symbol.</summary>
internal static partial class Libdl
{
    public const int RtldNow = 0x2;
    public const int RtldGlobal = 0x100;

    [LibraryImport("libc", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr Open(string? file, int flags);

    [LibraryImport("libc", EntryPoint = "dlvsym", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr VersionedSymbol(IntPtr handle, string symbol, string version);

    [LibraryImport("libc", EntryPoint = "dlsym", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr Symbol(IntPtr handle, string symbol);

    [LibraryImport("libc", EntryPoint = "dlerror")]
    private static partial IntPtr ErrorPtr();

    public static string LastError() => Marshal.PtrToStringUTF8(ErrorPtr()) ?? "unknown dlopen error";
}
