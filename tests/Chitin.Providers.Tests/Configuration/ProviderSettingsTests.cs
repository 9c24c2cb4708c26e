using Chitin.Providers.Configuration;

namespace Chitin.Providers.Tests.Configuration;

public sealed class ProviderSettingsTests
{
    private const string Secret = "sk-test-SECRET-0123456789";

    [Fact]
    public void ToStringShowsTheSettingsButNeverTheKey()
    {
        var settings = new ProviderSettings
        {
            BaseUrl = "https://openrouter.ai/api/v1",
            ApiKey = Secret,
            Model = "deepseek/deepseek-chat",
            FallbackModels = ["qwen/qwen3-coder"],
        };

        string text = settings.ToString();
        string interpolated = $"{settings}";

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, interpolated, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);
        Assert.Contains("deepseek/deepseek-chat", text, StringComparison.Ordinal);
        Assert.Contains("qwen/qwen3-coder", text, StringComparison.Ordinal);
        Assert.Contains("https://openrouter.ai/api/v1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringSaysWhenNoKeyIsSet()
    {
        var settings = new ProviderSettings { BaseUrl = "http://localhost:11434/v1", Model = "qwen3" };

        Assert.Contains("ApiKey = not set", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringDropsCredentialsWrittenIntoTheUrl()
    {
        var settings = new ProviderSettings { BaseUrl = "https://user:pa55word@proxy.example/v1?key=abc", Model = "m" };

        string text = settings.ToString();

        Assert.DoesNotContain("pa55word", text, StringComparison.Ordinal);
        Assert.DoesNotContain("key=abc", text, StringComparison.Ordinal);
        Assert.Contains("https://proxy.example/v1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsMatchTheDocumentedValues()
    {
        var settings = new ProviderSettings { BaseUrl = "http://localhost:8000/v1", Model = "m" };

        Assert.Equal(ProviderKind.OpenAI, settings.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), settings.RequestTimeout);
        Assert.Equal(4, settings.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.MaxRetryDelay);
        Assert.Equal(8192, settings.MaxOutputTokens);
        Assert.Empty(settings.FallbackModels);
    }

    [Theory]
    [InlineData(ProviderKind.OpenAI, "https://api.deepseek.com/v1", "deepseek")]
    [InlineData(ProviderKind.OpenAI, "https://openrouter.ai/api/v1", "openrouter")]
    [InlineData(ProviderKind.Anthropic, "https://api.anthropic.com", "anthropic")]
    [InlineData(ProviderKind.OpenAI, "http://localhost:11434/v1", "openai@localhost:11434")]
    [InlineData(ProviderKind.Anthropic, "http://127.0.0.1:9000", "anthropic@127.0.0.1:9000")]
    public void NameIsDerivedFromTheHostUnlessSet(ProviderKind kind, string baseUrl, string expected)
    {
        var settings = new ProviderSettings { Kind = kind, BaseUrl = baseUrl, Model = "m" };

        Assert.Equal(expected, settings.Name);
        Assert.Equal("mine", (settings with { Name = "mine" }).Name);
    }

    [Fact]
    public void ModelsInOrderPutsThePrimaryFirstAndDropsDuplicates()
    {
        var settings = new ProviderSettings { BaseUrl = "http://localhost/v1", Model = "a", FallbackModels = ["b", "a", "c"] };

        Assert.Equal(["a", "b", "c"], settings.ModelsInOrder);
    }

    [Theory]
    [InlineData("localhost:11434/v1", "m", "BaseUrl")]
    [InlineData("ftp://host/v1", "m", "BaseUrl")]
    [InlineData("http://localhost/v1", " ", "Model")]
    public void ValidateNamesTheBadSetting(string baseUrl, string model, string parameter)
    {
        var settings = new ProviderSettings { BaseUrl = baseUrl, Model = model, ApiKey = Secret };

        ArgumentException error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Equal(parameter, error.ParamName);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateRejectsOutOfRangeNumbers()
    {
        var valid = new ProviderSettings { BaseUrl = "http://localhost/v1", Model = "m" };

        valid.Validate();
        Assert.Equal("MaxRetries", Assert.Throws<ArgumentException>((valid with { MaxRetries = -1 }).Validate).ParamName);
        Assert.Equal("RequestTimeout", Assert.Throws<ArgumentException>((valid with { RequestTimeout = TimeSpan.Zero }).Validate).ParamName);
        Assert.Equal("MaxOutputTokens", Assert.Throws<ArgumentException>((valid with { MaxOutputTokens = 0 }).Validate).ParamName);
        Assert.Equal("FallbackModels", Assert.Throws<ArgumentException>((valid with { FallbackModels = ["ok", ""] }).Validate).ParamName);
    }
}
