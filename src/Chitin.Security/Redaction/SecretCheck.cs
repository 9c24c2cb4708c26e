namespace Chitin.Security.Redaction;

/// <summary>A second look at a match before it is redacted.</summary>
internal enum SecretCheck
{
    /// <summary>The format alone is distinctive enough.</summary>
    None,

    /// <summary>Must mix upper case, lower case and digits (random keys do; kebab-case names do not).</summary>
    LooksRandom,

    /// <summary>Must not be a reference, code or a mask (<c>$TOKEN</c>, <c>os.environ[...]</c>, <c>settings.api_key</c>, <c>********</c>).</summary>
    NotPlaceholder,
}
