using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgreementFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Agreements",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Open"); // Agreements recorded before follow-up existed start as open.

            migrationBuilder.CreateTable(
                name: "AgreementLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementLinks_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgreementLinks_AspNetUsers_CreatedByUserId",
                        column: x => x.CreatedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgreementStatusChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    ByContactName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    LinkId = table.Column<int>(type: "INTEGER", nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementStatusChanges_AgreementLinks_LinkId",
                        column: x => x.LinkId,
                        principalTable: "AgreementLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AgreementStatusChanges_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgreementStatusChanges_AspNetUsers_ByUserId",
                        column: x => x.ByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementLinks_AgreementId",
                table: "AgreementLinks",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementLinks_CreatedByUserId",
                table: "AgreementLinks",
                column: "CreatedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementLinks_TokenHash",
                table: "AgreementLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgreementStatusChanges_AgreementId",
                table: "AgreementStatusChanges",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementStatusChanges_ByUserId",
                table: "AgreementStatusChanges",
                column: "ByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementStatusChanges_LinkId",
                table: "AgreementStatusChanges",
                column: "LinkId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementStatusChanges");

            migrationBuilder.DropTable(
                name: "AgreementLinks");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Agreements");
        }
    }
}
