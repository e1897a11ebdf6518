using System.Runtime.InteropServices;
using TorchSharp;

namespace MiaRepro.Runtime;

/// <summary>
/// Prepares the native side before TorchSharp's first call: optionally an external libtorch
/// (<c>MIAREPRO_LIBTORCH</c>, e.g. a PyTorch install's torch/lib for CUDA), and on systems whose
/// libstdc++ predates GLIBCXX_3.4.32 the one-symbol shim the build produced (build/GlibcxxCompat.targets); then
/// zero-filled CPU allocations (<see cref="CpuAllocatorFill"/>: oneDNN reads unwritten memory on AVX-512 CPUs).
/// </summary>
public static class TorchRuntime
{
    public const string LibTorchVariable = "MIAREPRO_LIBTORCH";
    const string ShimFile = "libmiarepro_glibcxx_shim.so";
    const string RequiredGlibcxx = "GLIBCXX_3.4.32";

    static readonly object Gate = new();
    static bool initialized;

    /// <summary>The libtorch the bundled package (libtorch-cpu-linux-x64, pinned in Directory.Packages.props) ships.</summary>
    public const string BundledLibTorchVersion = "2.10.0";

    /// <summary>Where libtorch came from: the directory of <c>MIAREPRO_LIBTORCH</c>, or the bundled package.</summary>
    public static string LibTorchSource { get; private set; } = "bundled (libtorch-cpu-linux-x64)";

    /// <summary>The loaded libtorch's version: the bundled package's, or what the external install says of itself
    /// (PyTorch's torch/version.py, a libtorch zip's build-version), "unknown" where it says nothing.</summary>
    public static string LibTorchVersion { get; private set; } = BundledLibTorchVersion;

    /// <summary>Whether the glibcxx shim had to be loaded (false on a modern distro).</summary>
    public static bool ShimLoaded { get; private set; }

    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (initialized) return;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                PreloadExternalLibTorch();
                LoadGlibcxxShimIfNeeded();
            }
            CpuAllocatorFill.Zero = true;   // why: CpuAllocatorFill
            initialized = true;
        }
    }

    /// <summary>True when the system libstdc++ defines the version libLibTorchSharp.so asks for.</summary>
    public static bool SystemHasRequiredGlibcxx()
    {
        var handle = Libdl.Open("libstdc++.so.6", Libdl.RtldNow);
        return handle != IntPtr.Zero && Libdl.VersionedSymbol(handle, "_ZSt21ios_base_library_initv", RequiredGlibcxx) != IntPtr.Zero;
    }

    static void LoadGlibcxxShimIfNeeded()
    {
        if (SystemHasRequiredGlibcxx()) return;
        var shim = Path.Combine(AppContext.BaseDirectory, ShimFile);
        if (!File.Exists(shim))
            throw new InvalidOperationException(
                $"This system's libstdc++ lacks {RequiredGlibcxx}, which TorchSharp's native library needs, and the shim " +
                $"'{shim}' is missing. Rebuild with 'dotnet build' (it compiles the shim with 'cc'; install gcc if absent).");
        if (Libdl.Open(shim, Libdl.RtldNow | Libdl.RtldGlobal) == IntPtr.Zero)
            throw new InvalidOperationException($"Could not load '{shim}': {Libdl.LastError()}");
        ShimLoaded = true;
    }

    // Loading libc10/libtorch_cpu/libtorch_cuda/libtorch globally first makes libLibTorchSharp.so bind to
    // them (same sonames) instead of the copies beside it.
    static void PreloadExternalLibTorch()
    {
        var dir = Environment.GetEnvironmentVariable(LibTorchVariable);
        if (string.IsNullOrWhiteSpace(dir)) return;
        if (!File.Exists(Path.Combine(dir, "libtorch.so")))
            throw new InvalidOperationException(
                $"{LibTorchVariable}='{dir}' has no libtorch.so. Point it at a libtorch 2.10 lib directory " +
                "(e.g. <site-packages>/torch/lib of PyTorch 2.10), or unset it to use the bundled CPU libtorch.");
        foreach (var lib in new[] { "libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so" })
        {
            var path = Path.Combine(dir, lib);
            if (File.Exists(path) && Libdl.Open(path, Libdl.RtldNow | Libdl.RtldGlobal) == IntPtr.Zero)
                throw new InvalidOperationException($"Could not load '{path}' from {LibTorchVariable}: {Libdl.LastError()}");
        }
        LibTorchSource = Path.GetFullPath(dir);
        LibTorchVersion = ExternalVersion(LibTorchSource) ?? "unknown";
    }

    /// <summary>The version an external libtorch lib directory records beside it, or null.</summary>
    public static string? ExternalVersion(string libDirectory)
    {
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(libDirectory)) ?? libDirectory;
        var versionPy = Path.Combine(parent, "version.py"); // PyTorch: site-packages/torch/{lib,version.py}
        if (File.Exists(versionPy))
            foreach (var line in File.ReadLines(versionPy))
                if (System.Text.RegularExpressions.Regex.Match(line, @"^__version__\s*=\s*['""]([^'""]+)['""]") is { Success: true } m)
                    return m.Groups[1].Value;
        var buildVersion = Path.Combine(parent, "build-version"); // libtorch zip: libtorch/{lib,build-version}
        return File.Exists(buildVersion) ? File.ReadAllText(buildVersion).Trim() : null;
    }

    /// <summary>The device for training: <paramref name="requested"/> ("cpu", "cuda", "cuda:1") or "auto" = cuda when available.</summary>
    public static torch.Device ResolveDevice(string requested)
    {
        EnsureInitialized();
        if (requested == "auto") return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (requested.StartsWith("cuda", StringComparison.Ordinal) && !torch.cuda.is_available())
            throw new InvalidOperationException(
                $"Device '{requested}' was requested but CUDA is not available. Set MiaRepro:Device (env MIAREPRO_DEVICE) " +
                $"to 'cpu' or 'auto', or point {LibTorchVariable} at a CUDA build of libtorch 2.10.");
        return new torch.Device(requested);
    }
}
