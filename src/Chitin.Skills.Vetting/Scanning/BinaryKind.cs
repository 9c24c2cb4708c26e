namespace Chitin.Skills.Vetting.Scanning;

/// <summary>What the first bytes of a file say it is.</summary>
internal enum BinaryKind
{
    /// <summary>No known binary signature: decode it as text.</summary>
    None,

    /// <summary>Native or byte code: ELF, Mach-O, PE, WebAssembly, Java class, Python byte code.</summary>
    Executable,

    /// <summary>zip, 7z, rar, gzip, bzip2, xz, zstd, tar, cab, disk images.</summary>
    Archive,

    /// <summary>An Office Open XML or OpenDocument file (a zip container) without macros.</summary>
    OfficeDocument,

    /// <summary>Images, fonts, audio, video and PDF: inert media that skills legitimately ship as assets.</summary>
    Media,

    /// <summary>Binary content of no known kind.</summary>
    Unknown,
}
