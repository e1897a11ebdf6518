// MSBuild task (compiled by RoslynCodeTaskFactory): sets VER_FLG_WEAK on one version entry of an ELF
// file's .gnu.version_r, so the dynamic loader accepts a library whose requirement the system lacks.
// Used only where the system libstdc++ lacks GLIBCXX_3.4.32 (see GlibcxxCompat.targets).
using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class MarkVersionNeedWeak : Task
{
    [Required] public string File { get; set; } = "";
    [Required] public string Version { get; set; } = "";

    /// <summary>True when this machine's libstdc++ already defines the version: nothing to do.</summary>
    [Output] public bool SystemHasVersion { get; set; }

    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    [DllImport("libc", EntryPoint = "dlopen")] static extern IntPtr DlOpen(string file, int flags);
    [DllImport("libc", EntryPoint = "dlvsym")] static extern IntPtr DlVSym(IntPtr handle, string symbol, string version);

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) { SystemHasVersion = true; return true; }
        var libstdcxx = DlOpen("libstdc++.so.6", 2 /* RTLD_NOW */);
        SystemHasVersion = libstdcxx != IntPtr.Zero && DlVSym(libstdcxx, "_ZSt21ios_base_library_initv", Version) != IntPtr.Zero;
        if (SystemHasVersion) return true;

        var bytes = System.IO.File.ReadAllBytes(File);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[4] != 2)
        {
            Log.LogError($"{File} is not a 64-bit ELF file; cannot mark {Version} weak.");
            return false;
        }
        var shoff = (long)BitConverter.ToUInt64(bytes, 0x28);
        int shentsize = BitConverter.ToUInt16(bytes, 0x3A), shnum = BitConverter.ToUInt16(bytes, 0x3C);
        for (int s = 0; s < shnum; s++)
        {
            long sh = shoff + (long)s * shentsize;
            if (BitConverter.ToUInt32(bytes, (int)sh + 4) != ShtGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(bytes, (int)sh + 24);
            uint count = BitConverter.ToUInt32(bytes, (int)sh + 44);
            long strtab = (long)BitConverter.ToUInt64(bytes, (int)(shoff + (long)BitConverter.ToUInt32(bytes, (int)sh + 40) * shentsize) + 24);
            long need = offset;
            for (uint n = 0; n < count; n++)
            {
                long aux = need + BitConverter.ToUInt32(bytes, (int)need + 8);
                int auxCount = BitConverter.ToUInt16(bytes, (int)need + 2);
                for (int a = 0; a < auxCount; a++)
                {
                    long name = strtab + BitConverter.ToUInt32(bytes, (int)aux + 8);
                    int end = Array.IndexOf(bytes, (byte)0, (int)name);
                    if (System.Text.Encoding.ASCII.GetString(bytes, (int)name, end - (int)name) == Version)
                    {
                        ushort flags = BitConverter.ToUInt16(bytes, (int)aux + 4);
                        if ((flags & VerFlgWeak) == 0)
                        {
                            BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(bytes, (int)aux + 4);
                            // The build output's copy only; the NuGet cache keeps the original.
                            System.IO.File.WriteAllBytes(File, bytes);
                            Log.LogMessage(MessageImportance.High, $"Marked {Version} weak in {File} (system libstdc++ lacks it).");
                        }
                        return true;
                    }
                    aux += BitConverter.ToUInt32(bytes, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(bytes, (int)need + 12);
            }
        }
        Log.LogMessage(MessageImportance.Normal, $"{File} does not require {Version}; nothing to patch.");
        return true;
    }
}
