using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Anthropic;
using Anthropic.Core;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Bench.Aot;

/// <summary>
/// Writes src/Chitin.Cli/Aot/Anthropic.rd.xml: the closed generic converters that the Anthropic SDK's reflection-based
/// System.Text.Json creates at run time (its models' <c>JsonModelConverter&lt;,&gt;</c>, collection and nullable converters,
/// and the <c>CreateRange</c> methods immutable collections are built with), which a Native AOT build must compile ahead.
/// It records them with a resolver put in front of the SDK's options while it asks for every property type of every
/// public non-beta model and runs a streaming tool-calling conversation against the scripted server. Run it again
/// after updating the Anthropic package: <c>dotnet run -c Release --project bench/Chitin.Bench -- aot-roots</c>.
/// </summary>
public static class AnthropicAotRoots
{
    // Object converters need the model's properties kept as well; the SDK's models never use them (they convert
    // through their raw JSON), so rooting them would only grow the binary.
    private static readonly string[] Skipped = ["ObjectDefaultConverter", "SmallObjectWithParameterizedConstructorConverter", "UnsupportedTypeConverter"];

    public static async Task<int> RunAsync()
    {
        var options = (JsonSerializerOptions)typeof(ModelBase).GetField("SerializerOptions", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var recorder = new RecordingResolver();
        options.TypeInfoResolver = recorder;
        foreach (var type in typeof(AnthropicClient).Assembly.GetTypes().Where(t => t.IsPublic && t.Namespace?.Contains("Beta", StringComparison.Ordinal) == false))
        {
            Touch(options, type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Touch(options, property.PropertyType);
            }
        }

        await ConverseAsync();
        var path = Path.Combine(RepositoryFolder.Root(), "src", "Chitin.Cli", "Aot", "Anthropic.rd.xml");
        var xml = Directives(recorder.Converters.Where(t => t.IsGenericType && !Skipped.Any(s => t.Name.StartsWith(s, StringComparison.Ordinal))));
        await File.WriteAllTextAsync(path, xml);
        Console.WriteLine($"RESULT aot-roots: {xml.Split('\n').Count(l => l.Contains("<Type Name=", StringComparison.Ordinal))} types written to {path}");
        return 0;
    }

    private static void Touch(JsonSerializerOptions options, Type type)
    {
        if (type.ContainsGenericParameters || type.IsPointer || type.IsByRef || type == typeof(void))
        {
            return;
        }

        try
        {
            _ = options.GetTypeInfo(type).Converter;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return; // a type the SDK never serialises (a service, a delegate, a ref struct)
        }

        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : type.IsArray ? [type.GetElementType()!] : [])
        {
            Touch(options, argument);
        }
    }

    private static async Task ConverseAsync()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromResponder(r => r.ToolResultCount < 2
            ? ScriptStep.ToolCalls("Listing.", new ScriptToolCall("list_dir", """{"path":"."}"""))
            : ScriptStep.Text("Done.")));
        using var client = new AnthropicClient(new ClientOptions { BaseUrl = server.BaseUrl, ApiKey = "aot-roots" });
        using var chat = client.AsIChatClient(server.Models[0], 1024);
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string path) => path, "list_dir")] };
        List<ChatMessage> messages = [new(ChatRole.System, "You list folders."), new(ChatRole.User, "List this folder.")];
        for (var step = 0; step < 4; step++)
        {
            var response = await chat.GetStreamingResponseAsync(messages, options).ToChatResponseAsync();
            messages.AddMessages(response);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0)
            {
                break;
            }

            messages.Add(new ChatMessage(ChatRole.Tool, [.. calls.Select(c => new FunctionResultContent(c.CallId, "README.md"))]));
        }

        _ = await chat.GetResponseAsync(messages, options);
    }

    private static string Directives(IEnumerable<Type> converters)
    {
        var byAssembly = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var createRange = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var converter in converters)
        {
            var name = ShortName(converter);
            var assembly = converter.Assembly.GetName().Name!;
            (byAssembly.TryGetValue(assembly, out var set) ? set : byAssembly[assembly] = new(StringComparer.Ordinal)).Add(name);
            if (converter.Name.StartsWith("ImmutableEnumerableOfTConverterWithReflection", StringComparison.Ordinal))
            {
                var collection = converter.GetGenericArguments()[0];
                // IImmutableList<T> and ImmutableList<T> are both built by ImmutableList.CreateRange, and so on.
                var factory = collection.Name.Split('`')[0] is var plain && plain.StartsWith("IImmutable", StringComparison.Ordinal) ? plain[1..] : plain;
                (createRange.TryGetValue(factory, out var elements) ? elements : createRange[factory] = new(StringComparer.Ordinal)).Add(ShortName(collection.GetGenericArguments()[0]) + ", " + collection.GetGenericArguments()[0].Assembly.GetName().Name);
            }
        }

        var xml = new StringBuilder();
        xml.Append("<!-- Generated by bench/Chitin.Bench, command aot-roots (see AnthropicAotRoots); do not edit. -->\n");
        xml.Append("<Directives xmlns=\"http://schemas.microsoft.com/netfx/2013/01/metadata\">\n  <Application>\n");
        foreach (var (assembly, names) in byAssembly)
        {
            xml.Append($"    <Assembly Name=\"{assembly}\">\n");
            foreach (var name in names)
            {
                xml.Append($"      <Type Name=\"{Escape(name)}\" Dynamic=\"Required All\" />\n");
            }

            xml.Append("    </Assembly>\n");
        }

        if (createRange.Count > 0)
        {
            xml.Append("    <Assembly Name=\"System.Collections.Immutable\">\n");
            foreach (var (factory, elements) in createRange)
            {
                xml.Append($"      <Type Name=\"System.Collections.Immutable.{factory}\" Dynamic=\"Required All\">\n");
                foreach (var element in elements)
                {
                    xml.Append($"        <Method Name=\"CreateRange\">\n          <GenericArgument Name=\"{Escape(element)}\" />\n        </Method>\n");
                }

                xml.Append("      </Type>\n");
            }

            xml.Append("    </Assembly>\n");
        }

        xml.Append("  </Application>\n</Directives>\n");
        return xml.ToString();
    }

    /// <summary>The type's full name with generic arguments qualified by assembly name only (no version or key).</summary>
    private static string ShortName(Type type) => !type.IsGenericType
        ? type.FullName!
        : $"{type.GetGenericTypeDefinition().FullName}[{string.Join(",", type.GetGenericArguments().Select(a => $"[{ShortName(a)}, {a.Assembly.GetName().Name}]"))}]";

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private sealed class RecordingResolver : IJsonTypeInfoResolver
    {
        private readonly DefaultJsonTypeInfoResolver _inner = new();
        private readonly ConcurrentDictionary<Type, bool> _seen = new();

        public IEnumerable<Type> Converters => _seen.Keys;

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            var info = _inner.GetTypeInfo(type, options);
            _seen[info.Converter.GetType()] = true;
            foreach (var property in info.Properties)
            {
                if (property.CustomConverter is { } custom)
                {
                    _seen[custom.GetType()] = true;
                }
            }

            return info;
        }
    }
}
