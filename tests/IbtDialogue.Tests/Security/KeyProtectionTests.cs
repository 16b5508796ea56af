using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Security;

/// <summary>The Data Protection keys in the database can be encrypted with a certificate from configuration (issue 10, finding 11).</summary>
public sealed class KeyProtectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_certificate_configured_the_keys_are_stored_encrypted_and_a_restarted_server_still_reads_them()
    {
        await using var app = new AppHost();
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:Certificate:Path"] = MakeCertificate(app.Folder, "een pfx-wachtwoord"),
            ["DataProtection:Certificate:Password"] = "een pfx-wachtwoord",
        };
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var cookies = await app.LoginAsync("anna@owinsp.example");

        var keys = await app.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct));
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
            Assert.Contains("<X509Certificate>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal); // The unencrypted form keeps the key in <value>.
        });

        await using var restarted = app.Restarted();
        foreach (var (key, value) in settings)
        {
            restarted.Settings[key] = value;
        }

        await restarted.InitializeAsync();
        var forRestarted = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            forRestarted.Add(restarted.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        using var browser = restarted.CreateBrowserClient(forRestarted);
        using var list = await browser.GetAsync("dialogen", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode); // The cookie's key was decrypted with the certificate.
    }

    private static string MakeCertificate(string folder, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=IbtDialogue Data Protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "data-protection.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
