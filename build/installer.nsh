; Included by electron-builder's NSIS installer (nsis.include). Windows has no file type for folders, so the
; folder-open association is a context-menu verb: right-click a folder (or a folder's background) → Open with Keel.
; SHCTX is HKCU for a per-user install and HKLM for a per-machine one, matching where Keel itself was installed.

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\Directory\shell\Keel" "" "Open with Keel"
  WriteRegStr SHCTX "Software\Classes\Directory\shell\Keel" "Icon" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
  WriteRegStr SHCTX "Software\Classes\Directory\shell\Keel\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%V"'
  WriteRegStr SHCTX "Software\Classes\Directory\Background\shell\Keel" "" "Open with Keel"
  WriteRegStr SHCTX "Software\Classes\Directory\Background\shell\Keel" "Icon" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
  WriteRegStr SHCTX "Software\Classes\Directory\Background\shell\Keel\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%V"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\Directory\shell\Keel"
  DeleteRegKey SHCTX "Software\Classes\Directory\Background\shell\Keel"
!macroend
