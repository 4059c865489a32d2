; NSIS script: the Windows installer of 民生实事票决, made from the PyInstaller one-folder bundle.
; makensis -DBUNDLE=..\dist\minsheng -DVERSION=0.1.0 -DOUTFILE=..\dist\民生实事票决-安装程序.exe minsheng.nsi
Unicode true
SetCompressor /SOLID lzma

!ifndef BUNDLE
  !define BUNDLE "..\dist\minsheng"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\minsheng-setup-${VERSION}.exe"
!endif

!define APPNAME "民生实事票决"
!define REGKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Minsheng"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Minsheng"
InstallDirRegKey HKLM "${REGKEY}" "InstallLocation"
RequestExecutionLevel admin

!include "MUI2.nsh"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${APPNAME}"
!define MUI_WELCOMEPAGE_TEXT "本程序帮助乡镇人大做好民生实事项目人大代表票决制的全年工作：征集、审定、票决、实施、监督、测评和上报。$\r$\n$\r$\n您的数据保存在“文档”旁的用户数据文件夹中，卸载程序不会删除它们。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\minsheng.exe"
!define MUI_FINISHPAGE_RUN_TEXT "立即运行 ${APPNAME}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "程序文件" SecMain
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortCut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\minsheng.exe"
  CreateShortCut "$SMPROGRAMS\${APPNAME}\卸载 ${APPNAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\minsheng.exe"

  ; .mspkg (上报包) opens in the app
  WriteRegStr HKCR ".mspkg" "" "Minsheng.Package"
  WriteRegStr HKCR "Minsheng.Package" "" "民生实事票决上报包"
  WriteRegStr HKCR "Minsheng.Package\DefaultIcon" "" "$INSTDIR\minsheng.exe,0"
  WriteRegStr HKCR "Minsheng.Package\shell\open\command" "" '"$INSTDIR\minsheng.exe" "%1"'

  WriteRegStr HKLM "${REGKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${REGKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${REGKEY}" "Publisher" "Minsheng"
  WriteRegStr HKLM "${REGKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${REGKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${REGKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${REGKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; Only the program goes. The user's data (the database, its backups) lives in the user's data folder and stays.
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APPNAME}"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCR ".mspkg"
  DeleteRegKey HKCR "Minsheng.Package"
  DeleteRegKey HKLM "${REGKEY}"
SectionEnd
