using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Series : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsLookBack",
                table: "Themes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SeriesId",
                table: "Dialogues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CarriedAgreements",
                columns: table => new
                {
                    DialogueId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarriedAgreements", x => new { x.DialogueId, x.AgreementId });
                    table.ForeignKey(
                        name: "FK_CarriedAgreements_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CarriedAgreements_Dialogues_DialogueId",
                        column: x => x.DialogueId,
                        principalTable: "Dialogues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Series",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Series_AspNetUsers_CreatedByUserId",
                        column: x => x.CreatedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Dialogues_SeriesId",
                table: "Dialogues",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_CarriedAgreements_AgreementId",
                table: "CarriedAgreements",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_Series_CreatedByUserId",
                table: "Series",
                column: "CreatedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Series_Name",
                table: "Series",
                column: "Name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Dialogues_Series_SeriesId",
                table: "Dialogues",
                column: "SeriesId",
                principalTable: "Series",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Dialogues_Series_SeriesId",
                table: "Dialogues");

            migrationBuilder.DropTable(
                name: "CarriedAgreements");

            migrationBuilder.DropTable(
                name: "Series");

            migrationBuilder.DropIndex(
                name: "IX_Dialogues_SeriesId",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "IsLookBack",
                table: "Themes");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Dialogues");
        }
    }
}
