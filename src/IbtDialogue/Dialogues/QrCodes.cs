using QRCoder;

namespace IbtDialogue.Dialogues;

/// <summary>QR codes for join links, as SVG (sharp on any projector, no image request).</summary>
public static class QrCodes
{
    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        // The size comes from CSS; the SVG scales to its box.
        return new SvgQRCode(data).GetGraphic(8, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
