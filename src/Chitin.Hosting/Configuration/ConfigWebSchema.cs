namespace Chitin.Hosting.Configuration;

/// <summary>Checks the "web" section: web.allowHosts[] and web.allowRanges[], which only the user config file may set.</summary>
internal static class ConfigWebSchema
{
    public static string? Check(ConfigNode node, ConfigScope scope, string source, List<ConfigIssue> warnings)
    {
        var s = node.Segments;
        var isHosts = s.Count > 1 && string.Equals(s[1], "allowHosts", StringComparison.OrdinalIgnoreCase);
        var isRanges = s.Count > 1 && string.Equals(s[1], "allowRanges", StringComparison.OrdinalIgnoreCase);
        if (s.Count == 2)
        {
            if (!isHosts && !isRanges)
            {
                warnings.Add(ConfigSchema.Unknown(node, source, ConfigSchema.KnownWebKeys));
                return null;
            }

            if (node.Kind != JsonValueKind.Array)
            {
                return isHosts ? "must be an array of hosts such as [\"intranet.example\", \"127.0.0.1:8080\"]" : "must be an array of CIDR ranges such as [\"10.1.0.0/16\"]";
            }

            if (scope == ConfigScope.Project)
            {
                warnings.Add(ConfigSchema.UserFileOnly(node, source, "would let a repository open internal addresses to web_fetch"));
            }

            return null;
        }

        if (s.Count != 3 || (!isHosts && !isRanges))
        {
            return null;
        }

        if (node.Kind != JsonValueKind.String)
        {
            return "must be a string";
        }

        if (isHosts)
        {
            return EgressPolicy.CheckHost(node.Value ?? "") is null
                ? null
                : "must be a host name or address with an optional port, such as \"intranet.example\", \"*.corp.example\", \"127.0.0.1:8080\" or \"[::1]:8080\"";
        }

        return EgressPolicy.CheckRange(node.Value ?? "") is null
            ? null
            : "must be a CIDR range with the host bits zero, such as \"10.1.0.0/16\" or \"fd00::/8\"";
    }
}
