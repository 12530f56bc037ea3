// The widget's config object for the demo site (the tests serve their own, pointing at their server).
// On a clinic's own site this object sits inline, just before the widget's script tag: see the README.
window.clinicChatConfig = {
  serverUrl: `${location.protocol}//${location.hostname}:5005`,
  title: "Lumen Skin Clinic assistant",
  colors: { primary: "#2f6f6a" },
};
