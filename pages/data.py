"""Data (editors only): upload a new export, see what it changes, confirm; history and rollback; share links."""

from healthtech import app, editor

ctx = app.page("data")
app.heading(ctx, "data.title", ctx.t("data.intro"))
editor.show_flash()
dataset = editor.choose_dataset(ctx)
editor.upload(ctx, dataset)
editor.history(ctx, dataset)
editor.share_links(ctx)
app.footer(ctx)
