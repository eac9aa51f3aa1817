// The attachment components' web messages (upload on forms, list on detail pages). The Chinese is the source of
// truth; English covers every key.
export const attachmentZh = {
  'att.pick': '拍照或选择文件',
  'att.pickHint':
    '可上传照片、PDF、Word、Excel、PowerPoint 文件，每个不超过 {mb} MB；照片会自动缩小，并去除拍摄地点等信息。',
  'att.saveFirst': '现在选择的文件会在保存记录时一并上传。',
  'att.waiting': '保存后上传',
  'att.uploading': '正在上传 {percent}%',
  'att.failed': '上传失败：{reason}',
  'att.retry': '重新上传',
  'att.remove': '删除附件',
  'att.removeConfirm': '删除这个附件？删除后不能恢复。',
  'att.removed': '已删除附件',
  'att.download': '下载',
  'att.empty': '暂无附件',
  'att.full': '已达到 {max} 个附件的上限，请先删除不需要的附件',
  'att.tooMany': '还能再上传 {n} 个文件，多选的文件没有加入',
  'att.problemEmpty': '“{name}”是空文件，请重新选择',
  'att.problemTooLarge': '“{name}”超过 {mb} MB，请压缩或拆分后再上传',
  'att.problemType': '“{name}”的格式不支持，请另存为 PDF 或 JPG 图片后再上传',
  'att.problemHeic':
    '“{name}”是 HEIC 格式的照片，无法识别：请在相机设置中选择“兼容性最佳”，或另存为 JPG 后再上传',
  'att.count': '共 {n} 个附件',
} as const satisfies Record<string, string>;

export const attachmentEn: Record<keyof typeof attachmentZh, string> = {
  'att.pick': 'Take a photo or choose a file',
  'att.pickHint':
    'Photos, PDF, Word, Excel and PowerPoint files, up to {mb} MB each; photos are shrunk and their location and other details removed.',
  'att.saveFirst': 'The files chosen now are uploaded when the record is saved.',
  'att.waiting': 'Uploaded on saving',
  'att.uploading': 'Uploading {percent}%',
  'att.failed': 'Upload failed: {reason}',
  'att.retry': 'Upload again',
  'att.remove': 'Delete attachment',
  'att.removeConfirm': 'Delete this attachment? It cannot be restored.',
  'att.removed': 'Attachment deleted',
  'att.download': 'Download',
  'att.empty': 'No attachments',
  'att.full': 'This record has its {max} attachments; delete one you no longer need first',
  'att.tooMany': 'Only {n} more file(s) fit; the others were not added',
  'att.problemEmpty': '“{name}” is empty; please choose it again',
  'att.problemTooLarge': '“{name}” is larger than {mb} MB; compress or split it first',
  'att.problemType': '“{name}” is of a type not accepted; save it as PDF or JPG first',
  'att.problemHeic':
    '“{name}” is a HEIC photo, which cannot be read: choose “Most Compatible” in the camera settings, or save it as JPG',
  'att.count': '{n} attachment(s)',
};
