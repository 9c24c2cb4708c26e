namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Recognises executables, archives and media by magic bytes (and a few extensions that carry no magic).</summary>
internal static class BinarySignature
{
    private static readonly string[] OfficeExtensions = [".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub", ".vsdx"];
    private static readonly string[] MacroOfficeExtensions = [".docm", ".xlsm", ".pptm", ".dotm", ".xlam", ".ppam"];
    private static readonly string[] ExecutableExtensions = [".exe", ".dll", ".so", ".dylib", ".scr", ".com", ".msi", ".pyc", ".pyo", ".class", ".wasm", ".app", ".elf", ".node"];
    private static readonly string[] ArchiveExtensions = [".zip", ".7z", ".rar", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".zst", ".jar", ".war", ".apk", ".dmg", ".pkg", ".iso", ".cab", ".deb", ".rpm", ".whl", ".nupkg"];

    public static (BinaryKind Kind, string Description) Detect(ReadOnlySpan<byte> head, string relativePath)
    {
        var extension = Path.GetExtension(relativePath).ToLowerInvariant();
        if (head.StartsWith("\x7F"u8) && head.Length >= 4 && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F')
        {
            return (BinaryKind.Executable, "ELF executable");
        }

        if (StartsWithAny(head, [[0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF], [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE]]))
        {
            return (BinaryKind.Executable, "Mach-O executable");
        }

        if (head.StartsWith((byte[])[0xCA, 0xFE, 0xBA, 0xBE]))
        {
            return (BinaryKind.Executable, "Mach-O universal binary or Java class file");
        }

        if (head.StartsWith("MZ"u8) && (IsPortableExecutable(head) || head.IndexOf((byte)0) >= 0))
        {
            return (BinaryKind.Executable, "Windows PE executable");
        }

        if (head.StartsWith("\0asm"u8))
        {
            return (BinaryKind.Executable, "WebAssembly module");
        }

        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8))
        {
            if (Array.IndexOf(MacroOfficeExtensions, extension) >= 0 || head.IndexOf("vbaProject.bin"u8) >= 0)
            {
                return (BinaryKind.Archive, "macro-enabled Office document");
            }

            return Array.IndexOf(OfficeExtensions, extension) >= 0
                ? (BinaryKind.OfficeDocument, "Office document")
                : (BinaryKind.Archive, extension is ".jar" or ".apk" or ".whl" ? $"{extension[1..]} package (zip)" : "zip archive");
        }

        if (head.StartsWith("7z\xBC\xAF\x27\x1C"u8))
        {
            return (BinaryKind.Archive, "7-Zip archive");
        }

        if (head.StartsWith("Rar!\x1A\x07"u8))
        {
            return (BinaryKind.Archive, "RAR archive");
        }

        if (head.StartsWith((byte[])[0x1F, 0x8B]))
        {
            return (BinaryKind.Archive, "gzip archive");
        }

        if (head.StartsWith("BZh"u8) && head.Length > 3 && head[3] is >= (byte)'1' and <= (byte)'9')
        {
            return (BinaryKind.Archive, "bzip2 archive");
        }

        if (head.StartsWith((byte[])[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]))
        {
            return (BinaryKind.Archive, "xz archive");
        }

        if (head.StartsWith((byte[])[0x28, 0xB5, 0x2F, 0xFD]))
        {
            return (BinaryKind.Archive, "zstd archive");
        }

        if (head.Length > 262 && head.Slice(257, 5).SequenceEqual("ustar"u8))
        {
            return (BinaryKind.Archive, "tar archive");
        }

        if (head.StartsWith("MSCF"u8))
        {
            return (BinaryKind.Archive, "Windows cabinet archive");
        }

        if (head.StartsWith((byte[])[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return (BinaryKind.Archive, "OLE compound file (MSI installer or legacy Office document with possible macros)");
        }

        if (IsMedia(head))
        {
            return (BinaryKind.Media, "media");
        }

        if (Array.IndexOf(ExecutableExtensions, extension) >= 0 && LooksBinary(head))
        {
            return (BinaryKind.Executable, $"{extension} file");
        }

        if (Array.IndexOf(ArchiveExtensions, extension) >= 0 && LooksBinary(head))
        {
            return (BinaryKind.Archive, $"{extension} archive");
        }

        if (extension is ".pyc" or ".pyo" && head.Length > 4 && head[2] == 0x0D && head[3] == 0x0A)
        {
            return (BinaryKind.Executable, "Python byte code");
        }

        return (BinaryKind.None, string.Empty);
    }

    /// <summary>NUL bytes in the first 8 KB (outside UTF-16 text) mean the file is not text.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> head) => head[..Math.Min(head.Length, 8192)].IndexOf((byte)0) >= 0;

    private static bool IsPortableExecutable(ReadOnlySpan<byte> head)
    {
        if (head.Length < 0x40)
        {
            return false;
        }

        var offset = BitConverter.ToInt32(head.Slice(0x3C, 4));
        return offset > 0 && offset + 4 <= head.Length && head.Slice(offset, 4).SequenceEqual("PE\0\0"u8);
    }

    private static bool IsMedia(ReadOnlySpan<byte> head) =>
        head.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47]) // PNG
        || head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) // JPEG
        || head.StartsWith("GIF8"u8)
        || (head.StartsWith("RIFF"u8) && head.Length >= 12 && (head.Slice(8, 4).SequenceEqual("WEBP"u8) || head.Slice(8, 4).SequenceEqual("WAVE"u8)))
        || head.StartsWith("%PDF"u8)
        || head.StartsWith((byte[])[0x00, 0x00, 0x01, 0x00]) // ICO
        || head.StartsWith("BM"u8) && LooksBinary(head)
        || head.StartsWith("wOFF"u8) || head.StartsWith("wOF2"u8)
        || head.StartsWith((byte[])[0x00, 0x01, 0x00, 0x00]) || head.StartsWith("OTTO"u8) // TrueType / OpenType
        || head.StartsWith("ID3"u8) || head.StartsWith("OggS"u8) || head.StartsWith("fLaC"u8)
        || (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8)); // MP4 / MOV / HEIC

    private static bool StartsWithAny(ReadOnlySpan<byte> head, byte[][] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (head.StartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }
}
