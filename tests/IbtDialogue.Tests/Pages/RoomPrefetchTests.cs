using IbtDialogue.Participants;
using Microsoft.AspNetCore.Components;

namespace IbtDialogue.Tests.Pages;

/// <summary>What the join form asks the browser to fetch ahead for the room: what the WebAssembly room loads at start, once each.</summary>
public sealed class RoomPrefetchTests
{
    private static ResourceAsset Fingerprinted(string url, string label) => new(url, [new ResourceAssetProperty("label", label)]);

    private static ResourceAsset Plain(string url) => new(url, null);

    [Fact]
    public void The_runtime_and_the_assemblies_by_their_fingerprinted_addresses_and_nothing_else()
    {
        var files = RoomPrefetch.RoomFiles(
        [
            Fingerprinted("_framework/dotnet.native.rw4kynp763.wasm", "_framework/dotnet.native.wasm"),
            Plain("_framework/dotnet.native.wasm"),
            Fingerprinted("_framework/dotnet.w0wr78y0og.js", "_framework/dotnet.js"),
            Fingerprinted("_framework/dotnet.native.b6l13xorvf.js", "_framework/dotnet.native.js"),
            Fingerprinted("_framework/dotnet.runtime.v06hirbjsv.js", "_framework/dotnet.runtime.js"),
            Fingerprinted("_framework/IbtDialogue.Client.tb6ph4gk7t.wasm", "_framework/IbtDialogue.Client.wasm"),
            Fingerprinted("_framework/IbtDialogue.Client.tb6ph4gk7t.wasm", "_framework/IbtDialogue.Client.wasm"),
            Fingerprinted("_framework/blazor.web.9hsif5t8mt.js", "_framework/blazor.web.js"),
            Fingerprinted("_framework/blazor.server.dwu72t6gfx.js", "_framework/blazor.server.js"),
            Fingerprinted("css/site.fvid28v2h0.css", "css/site.css"),
        ]);

        Assert.Equal(
            [
                "_framework/IbtDialogue.Client.tb6ph4gk7t.wasm",
                "_framework/dotnet.native.b6l13xorvf.js",
                "_framework/dotnet.native.rw4kynp763.wasm",
                "_framework/dotnet.runtime.v06hirbjsv.js",
                "_framework/dotnet.w0wr78y0og.js",
            ],
            files);
    }
}
