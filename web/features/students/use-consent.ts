import type { TApplicationBody, TGuardianBody, TStudentDetail } from '../../../common/api/students.ts';
import { api } from '../../lib/api.ts';
import { uploadFile } from '../../lib/upload.ts';
import { studentPath, useStudentMutation } from './use-students.ts';

/** Adds a guardian; answers with the updated student. */
export function useAddGuardian(studentId: string) {
  return useStudentMutation(studentId, (body: TGuardianBody) =>
    api.post<TStudentDetail>(`${studentPath(studentId)}/guardians`, body),
  );
}

/** Replaces a guardian's details. */
export function useUpdateGuardian(studentId: string) {
  return useStudentMutation(studentId, ({ guardianId, body }: { guardianId: string; body: TGuardianBody }) =>
    api.put<TStudentDetail>(`${studentPath(studentId)}/guardians/${encodeURIComponent(guardianId)}`, body),
  );
}

/** Removes a guardian who signed no application. */
export function useRemoveGuardian(studentId: string) {
  return useStudentMutation(studentId, (guardianId: string) =>
    api.delete<TStudentDetail>(`${studentPath(studentId)}/guardians/${encodeURIComponent(guardianId)}`),
  );
}

/** Records a signed application (consent). */
export function useAddApplication(studentId: string) {
  return useStudentMutation(studentId, (body: TApplicationBody) =>
    api.post<TStudentDetail>(`${studentPath(studentId)}/applications`, body),
  );
}

/** Withdraws an application from a date; it stays on record. */
export function useWithdrawApplication(studentId: string) {
  return useStudentMutation(
    studentId,
    ({
      applicationId,
      withdrawnOn,
      reason,
    }: {
      applicationId: string;
      withdrawnOn: string;
      reason?: string;
    }) =>
      api.post<TStudentDetail>(
        `${studentPath(studentId)}/applications/${encodeURIComponent(applicationId)}/withdraw`,
        { withdrawnOn, ...(reason ? { reason } : {}) },
      ),
  );
}

/** The address of an application's scan, for a download link. */
export function scanUrl(studentId: string, applicationId: string): string {
  return `${studentPath(studentId)}/applications/${encodeURIComponent(applicationId)}/scan`;
}

/** Uploads the scan of a signed application as the raw body, reporting progress. */
export function useUploadScan(studentId: string) {
  return useStudentMutation(
    studentId,
    ({
      applicationId,
      file,
      contentType,
      onProgress,
    }: {
      applicationId: string;
      file: File;
      contentType: string;
      onProgress: (fraction: number) => void;
    }) =>
      uploadFile<TStudentDetail>({
        method: 'PUT',
        url: `${scanUrl(studentId, applicationId)}?fileName=${encodeURIComponent(file.name)}`,
        file,
        contentType,
        onProgress,
      }),
  );
}
