namespace Chitin.Memory.Embeddings;

/// <summary>
/// Reads the embedded resources of a .NET assembly file as data, without loading the assembly: the model package's
/// assembly is only a container, and a Native AOT build cannot load assemblies at all.
/// </summary>
public static class ManifestResourceFile
{
    /// <summary>The bytes of the resource <paramref name="name"/> embedded in <paramref name="assemblyPath"/>, or null if it has none by that name.</summary>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static byte[]? Read(string assemblyPath, string name)
    {
        using var file = File.OpenRead(assemblyPath);
        using var pe = new PEReader(file);
        var corHeader = pe.PEHeaders.CorHeader ?? throw new BadImageFormatException($"'{assemblyPath}' is not a .NET assembly.");
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!resource.Implementation.IsNil || !metadata.StringComparer.Equals(resource.Name, name))
            {
                continue;
            }

            // An embedded resource is a 4-byte little-endian length, then the bytes, at its offset in the resources directory.
            var block = pe.GetSectionData(corHeader.ResourcesDirectory.RelativeVirtualAddress + (int)resource.Offset);
            var reader = block.GetReader();
            var length = reader.ReadInt32();
            if (length < 0 || length > reader.RemainingBytes)
            {
                throw new BadImageFormatException($"Resource '{name}' in '{assemblyPath}' is truncated.");
            }

            return reader.ReadBytes(length);
        }

        return null;
    }
}
