namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Binaries inside the skill: executables (ELF, Mach-O, PE, WebAssembly, byte code) block, since they cannot be vetted.
/// Zip and tar archives are opened and their files vetted like the rest (the archive itself warns); archives that cannot
/// be opened completely (encrypted, 7z/rar/disk images, nested, too large, unsafe paths) and macro documents block.
/// Other opaque binaries warn; images, fonts, audio, video and PDFs are ordinary assets.
/// </summary>
internal sealed class BundledBinaryRule() : VetRule(
    "files.executable", FindingSeverity.Block, "Executables and archives inside the skill folder (and other opaque binaries).")
{
    public override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var binary in scan.BinaryFiles)
        {
            var path = binary.Entry.RelativePath;
            switch (binary.Kind)
            {
                case BinaryKind.Executable:
                    sink.Add(path, 0, Id, FindingSeverity.Block,
                        $"Ships a compiled program ({binary.Description}). Its behaviour cannot be vetted, and a skill needs only readable scripts. Remove it or replace it with source.");
                    break;
                case BinaryKind.Archive when binary.InsideArchive:
                    sink.Add(path, 0, "files.archive", FindingSeverity.Block,
                        $"Is an archive ({binary.Description}) nested inside another archive; nested archives are not opened, so their contents cannot be vetted. Ship the files unpacked.");
                    break;
                case BinaryKind.Archive when binary.ArchiveProblem is null:
                    sink.Add(path, 0, "files.archive", FindingSeverity.Warning,
                        $"Ships an archive ({binary.Description}); its files were opened and vetted, but a reviewer browsing the skill cannot see them. Prefer shipping the files unpacked.");
                    break;
                case BinaryKind.Archive:
                    sink.Add(path, 0, "files.archive", FindingSeverity.Block,
                        $"Ships an archive ({binary.Description}) that could not be vetted: {binary.ArchiveProblem}. ClawHavoc hid its payloads in archives. Unpack what the skill needs into the folder instead.");
                    break;
                case BinaryKind.OfficeDocument:
                    sink.Add(path, 0, "files.office-document", FindingSeverity.Info, $"Ships an {binary.Description}; its contents were not inspected.");
                    break;
                case BinaryKind.Unknown:
                    sink.Add(path, 0, "files.opaque-binary", FindingSeverity.Warning, "Ships a binary file of unknown type that cannot be inspected. Remove it or explain what it is.");
                    break;
            }
        }
    }
}
