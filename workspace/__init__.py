"""The Gradio workspace: ``layout`` builds the page; every other module holds plain handler
functions over a ``Workspace`` (engine + folders) that tests call directly, without gradio."""
