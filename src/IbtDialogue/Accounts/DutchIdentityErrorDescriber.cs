using IbtDialogue.Client.Resources;
using Microsoft.AspNetCore.Identity;

namespace IbtDialogue.Accounts;

/// <summary>Identity's validation messages from the resource files, for the errors our account forms can meet.</summary>
public sealed class DutchIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = Texts.AccountErrorDefault };

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = string.Format(Texts.Culture, Texts.AccountErrorPasswordTooShort, length) };

    public override IdentityError DuplicateUserName(string userName) => DuplicateEmail(userName);

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = Texts.AccountErrorDuplicateEmail };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = Texts.AccountErrorInvalidEmail };

    public override IdentityError InvalidUserName(string? userName) => InvalidEmail(userName);

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = Resources.ServerTexts.AccountErrorPasswordMismatch };

    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = Resources.ServerTexts.LinkUnknown };

    public override IdentityError LoginAlreadyAssociated() => new() { Code = nameof(LoginAlreadyAssociated), Description = Resources.ServerTexts.LoginOrganisationFailed };
}
